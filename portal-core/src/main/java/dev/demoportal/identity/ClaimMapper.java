package dev.demoportal.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Translates token claims into a {@link MappedIdentity} through the configured mapping table.
 * IdPs disagree on shapes: groups may be a JSON array, a space- or comma-separated string, or sit
 * under a nested object; all three are read.
 */
@Component
public class ClaimMapper {

    private final IdentityProperties properties;

    public ClaimMapper(IdentityProperties properties) {
        this.properties = properties;
    }

    public MappedIdentity map(String issuer, Map<String, Object> claims) {
        String subject = text(claims.get("sub"));
        if (subject == null) {
            throw new SignInRefused("identity.no_subject", "The identity provider sent a token without a subject.");
        }
        String email = text(claims.get(properties.emailClaim()));
        String name = firstNonBlank(
                text(claims.get(properties.nameClaim())), text(claims.get("preferred_username")), email, subject);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : values(at(claims, properties.roleClaim()))) {
            Role role = properties.roleMapping().get(value);
            if (role != null) {
                roles.add(role);
            }
        }
        String organisation = text(at(claims, properties.organisationClaim()));
        boolean verified = properties.assumeEmailVerified() || verified(at(claims, properties.emailVerifiedClaim()));
        return new MappedIdentity(
                issuer,
                subject,
                email == null ? null : email.toLowerCase(Locale.ROOT),
                verified,
                name,
                roles,
                organisation);
    }

    /** {@code true} or {@code "true"} (some IdPs send the claim as a string); anything else is not. */
    private static boolean verified(@Nullable Object claim) {
        return Boolean.TRUE.equals(claim) || claim instanceof String s && "true".equalsIgnoreCase(s.strip());
    }

    private static @Nullable Object at(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Collection<String> values(@Nullable Object claim) {
        if (claim instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String s) {
            return java.util.Arrays.stream(s.split("[,\\s]+"))
                    .filter(v -> !v.isBlank())
                    .toList();
        }
        return java.util.List.of();
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).strip();
        return s.isEmpty() ? null : s;
    }

    private static String firstNonBlank(@Nullable String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        throw new IllegalStateException("subject is never blank here");
    }
}
