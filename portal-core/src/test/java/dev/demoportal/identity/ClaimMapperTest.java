package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimMapperTest {

    private static final String ISSUER = "https://idp.example/realms/demo";

    private static final Map<String, Role> MAPPING = Map.of(
            "field-engineers", Role.FIELD_ENGINEER,
            "managers", Role.MANAGER,
            "portal-admins", Role.ADMIN,
            "customers", Role.CUSTOMER);

    private final ClaimMapper mapper = mapper("groups");

    private static ClaimMapper mapper(String roleClaim) {
        return new ClaimMapper(new IdentityProperties(
                roleClaim, MAPPING, "organisation", Map.of(), "email", "name", "email_verified", false));
    }

    private static Map<String, Object> claims(Object... keyValues) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "user-1");
        for (int i = 0; i < keyValues.length; i += 2) {
            claims.put((String) keyValues[i], keyValues[i + 1]);
        }
        return claims;
    }

    @Test
    void readsGroupsFromJsonArray() {
        MappedIdentity identity = mapper.map(ISSUER, claims("groups", List.of("field-engineers", "managers")));

        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.FIELD_ENGINEER, Role.MANAGER);
        assertThat(identity.issuer()).isEqualTo(ISSUER);
        assertThat(identity.subject()).isEqualTo("user-1");
    }

    @Test
    void readsGroupsFromSpaceSeparatedString() {
        MappedIdentity identity = mapper.map(ISSUER, claims("groups", "field-engineers  portal-admins"));

        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.FIELD_ENGINEER, Role.ADMIN);
    }

    @Test
    void readsGroupsFromCommaSeparatedString() {
        MappedIdentity identity = mapper.map(ISSUER, claims("groups", "managers,portal-admins, field-engineers"));

        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.MANAGER, Role.ADMIN, Role.FIELD_ENGINEER);
    }

    @Test
    void readsGroupsUnderNestedClaim() {
        ClaimMapper keycloak = mapper("realm_access.roles");

        MappedIdentity identity = keycloak.map(
                ISSUER, claims("realm_access", Map.of("roles", List.of("portal-admins", "offline_access"))));

        assertThat(identity.roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void nestedPathThatIsNotThereMeansNoRoles() {
        ClaimMapper keycloak = mapper("realm_access.roles");

        assertThat(keycloak.map(ISSUER, claims("realm_access", "not-an-object")).roles())
                .isEmpty();
        assertThat(keycloak.map(ISSUER, claims("groups", List.of("portal-admins")))
                        .roles())
                .isEmpty();
    }

    @Test
    void ignoresGroupsNotInTheMapping() {
        MappedIdentity identity =
                mapper.map(ISSUER, claims("groups", List.of("everyone", "Portal-Admins", "customers", "vpn-users")));

        assertThat(identity.roles())
                .as("mapping is exact, unknown and differently cased groups give nothing")
                .containsExactly(Role.CUSTOMER);
    }

    @Test
    void noGroupsClaimMeansNoRoles() {
        assertThat(mapper.map(ISSUER, claims()).roles()).isEmpty();
    }

    @Test
    void displayNameFallsBackFromNameToPreferredUsernameToEmailToSubject() {
        assertThat(mapper.map(
                                ISSUER,
                                claims("name", "Ada Lovelace", "preferred_username", "ada", "email", "ada@example.com"))
                        .displayName())
                .isEqualTo("Ada Lovelace");
        assertThat(mapper.map(ISSUER, claims("name", "  ", "preferred_username", "ada", "email", "ada@example.com"))
                        .displayName())
                .isEqualTo("ada");
        assertThat(mapper.map(ISSUER, claims("email", "ada@example.com")).displayName())
                .isEqualTo("ada@example.com");
        assertThat(mapper.map(ISSUER, claims()).displayName()).isEqualTo("user-1");
    }

    @Test
    void emailIsLowerCasedAndTrimmed() {
        MappedIdentity identity = mapper.map(ISSUER, claims("email", " Ada.Lovelace@Example.COM "));

        assertThat(identity.email()).isEqualTo("ada.lovelace@example.com");
    }

    @Test
    void emailIsLowerCasedTheSameWayWhateverTheServerLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            MappedIdentity identity = mapper.map(ISSUER, claims("email", "IRIS@EXAMPLE.COM"));

            assertThat(identity.email()).isEqualTo("iris@example.com");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void missingEmailStaysMissing() {
        assertThat(mapper.map(ISSUER, claims()).email()).isNull();
    }

    @Test
    void refusesTokenWithoutSubject() {
        Map<String, Object> noSubject = claims("email", "ada@example.com", "groups", List.of("managers"));
        noSubject.remove("sub");

        assertThatThrownBy(() -> mapper.map(ISSUER, noSubject))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.no_subject"));
    }

    @Test
    void refusesBlankSubject() {
        assertThatThrownBy(() -> mapper.map(ISSUER, claims("sub", "   ")))
                .isInstanceOfSatisfying(
                        SignInRefused.class, e -> assertThat(e.code()).isEqualTo("identity.no_subject"));
    }

    @Test
    void readsOrganisationClaim() {
        MappedIdentity identity =
                mapper.map(ISSUER, claims("groups", List.of("customers"), "organisation", " Acme Widgets "));

        assertThat(identity.organisation()).isEqualTo("Acme Widgets");
    }

    @Test
    void readsOrganisationFromNestedClaim() {
        ClaimMapper nested = new ClaimMapper(new IdentityProperties(
                "groups", MAPPING, "tenant.name", Map.of(), "email", "name", "email_verified", false));

        MappedIdentity identity = nested.map(ISSUER, claims("tenant", Map.of("name", "Globex")));

        assertThat(identity.organisation()).isEqualTo("Globex");
    }

    @Test
    void noOrganisationClaimMeansNone() {
        assertThat(mapper.map(ISSUER, claims("organisation", "")).organisation())
                .isNull();
    }

    @Test
    void anAddressIsVerifiedOnlyWhenTheProviderSaysSo() {
        assertThat(mapper.map(ISSUER, claims("email", "a@acme.example", "email_verified", true))
                        .emailVerified())
                .isTrue();
        // some providers send the claim as a string
        assertThat(mapper.map(ISSUER, claims("email", "a@acme.example", "email_verified", "true"))
                        .emailVerified())
                .isTrue();
        assertThat(mapper.map(ISSUER, claims("email", "a@acme.example", "email_verified", false))
                        .emailVerified())
                .isFalse();
        assertThat(mapper.map(ISSUER, claims("email", "a@acme.example", "email_verified", "no"))
                        .emailVerified())
                .isFalse();
        assertThat(mapper.map(ISSUER, claims("email", "a@acme.example")).emailVerified())
                .as("no claim")
                .isFalse();
    }

    @Test
    void aProviderWithoutTheClaimCanBeTrustedExplicitly() {
        ClaimMapper trusting = new ClaimMapper(new IdentityProperties(
                "groups", MAPPING, "organisation", Map.of(), "email", "name", "email_verified", true));

        assertThat(trusting.map(ISSUER, claims("email", "a@acme.example")).emailVerified())
                .isTrue();
    }

    @Test
    void theVerifiedClaimIsConfigurable() {
        ClaimMapper custom = new ClaimMapper(new IdentityProperties(
                "groups", MAPPING, "organisation", Map.of(), "email", "name", "mail_confirmed", false));

        assertThat(custom.map(ISSUER, claims("email", "a@acme.example", "mail_confirmed", true))
                        .emailVerified())
                .isTrue();
        assertThat(custom.map(ISSUER, claims("email", "a@acme.example", "email_verified", true))
                        .emailVerified())
                .isFalse();
    }
}
