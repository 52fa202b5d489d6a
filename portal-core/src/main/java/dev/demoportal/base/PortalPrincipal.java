package dev.demoportal.base;

import java.util.UUID;

/**
 * Implemented by whatever the security layer puts in the context for a signed-in user (an OIDC
 * session user or a bearer-token authentication), so services find the portal user the same way.
 */
public interface PortalPrincipal {

    UUID userId();

    String displayName();
}
