package dev.demoportal.local.idp;

import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The provider shares its JVM with the portal, and Vaadin replaces the JVM-wide
 * {@link SecurityContextHolder} strategy when the portal starts, after the provider's filters were
 * built. Parts of Spring Authorization Server read the global holder directly, so the provider's
 * filters must store the signed-in user wherever the global holder currently looks; this strategy
 * asks it on every call.
 */
final class FollowGlobalSecurityContextStrategy implements SecurityContextHolderStrategy {

    private static SecurityContextHolderStrategy global() {
        return SecurityContextHolder.getContextHolderStrategy();
    }

    @Override
    public void clearContext() {
        global().clearContext();
    }

    @Override
    public SecurityContext getContext() {
        return global().getContext();
    }

    @Override
    public Supplier<SecurityContext> getDeferredContext() {
        return global().getDeferredContext();
    }

    @Override
    public void setContext(SecurityContext context) {
        global().setContext(context);
    }

    @Override
    public void setDeferredContext(Supplier<SecurityContext> deferredContext) {
        global().setDeferredContext(deferredContext);
    }

    @Override
    public SecurityContext createEmptyContext() {
        return global().createEmptyContext();
    }
}
