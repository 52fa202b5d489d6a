package dev.demoportal.identity;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the claims of an IdP's tokens become portal users. The same mapping serves OIDC sign-in and
 * bearer tokens on the API, whichever IdP issued them.
 *
 * @param roleClaim claim holding the user's groups or roles; a dotted path reaches nested claims
 *     (Keycloak: {@code realm_access.roles})
 * @param roleMapping claim value (group name or id) to portal role; values not listed are ignored
 * @param organisationClaim claim naming a customer's organisation (matched by slug or name)
 * @param emailDomainOrganisations e-mail domain to organisation name, for customers whose IdP sends
 *     no organisation claim (organisations' own domain lists in the database are consulted first)
 * @param emailClaim claim holding the e-mail address
 * @param nameClaim claim holding the display name
 * @param emailVerifiedClaim claim saying the identity provider verified the e-mail address (true or
 *     "true"); only a verified address binds a customer to an organisation by domain or invitation
 * @param assumeEmailVerified treat every address as verified: only for a provider that sends no
 *     verified claim and lets no user set their own address
 */
@ConfigurationProperties("portal.identity")
public record IdentityProperties(
        @DefaultValue("groups") String roleClaim,
        @DefaultValue({}) Map<String, Role> roleMapping,
        @DefaultValue("organisation") String organisationClaim,
        @DefaultValue({}) Map<String, String> emailDomainOrganisations,
        @DefaultValue("email") String emailClaim,
        @DefaultValue("name") String nameClaim,
        @DefaultValue("email_verified") String emailVerifiedClaim,
        @DefaultValue("false") boolean assumeEmailVerified) {

    public IdentityProperties {
        roleMapping = Map.copyOf(roleMapping);
        emailDomainOrganisations = Map.copyOf(emailDomainOrganisations);
    }
}
