package dev.demoportal.identity.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;

class ApiTokensTest {

    private static Jwt token(String type) {
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("alice")
                .issuedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .expiresAt(Instant.parse("2026-01-01T00:15:00Z"));
        if (type != null) {
            jwt.header("typ", type);
        }
        return jwt.build();
    }

    private static boolean accepts(JwtTypeValidator validator, String type) {
        return !validator.validate(token(type)).hasErrors();
    }

    @Test
    void aRequiredTypeIsRequired() {
        JwtTypeValidator validator = ApiTokens.accessTokenType(List.of("at+jwt"), List.of("demo-portal-api"), "portal");

        assertThat(accepts(validator, "at+jwt")).isTrue();
        assertThat(accepts(validator, "application/at+jwt")).isTrue();
        assertThat(accepts(validator, "AT+JWT")).isTrue();
        assertThat(accepts(validator, "JWT")).as("an ID token's type").isFalse();
        assertThat(accepts(validator, null)).as("no type").isFalse();
    }

    @Test
    void withoutARequiredTypeTheUsualTypesPass() {
        JwtTypeValidator validator = ApiTokens.accessTokenType(List.of(), List.of("api://demo-portal"), "portal");

        assertThat(accepts(validator, "JWT")).isTrue();
        assertThat(accepts(validator, "at+jwt")).isTrue();
        assertThat(accepts(validator, null)).isTrue();
        assertThat(accepts(validator, "logout+jwt")).isFalse();
    }

    @Test
    void theSignInClientIdIsNoApiAudienceUnlessTheTypeTellsTokensApart() {
        assertThatThrownBy(() -> ApiTokens.accessTokenType(List.of(), List.of("demo-portal-api", "portal"), "portal"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ID tokens")
                .hasMessageContaining("'portal'");

        assertThat(ApiTokens.accessTokenType(List.of("at+jwt"), List.of("portal"), "portal"))
                .isNotNull();
        assertThat(ApiTokens.accessTokenType(List.of(), List.of("portal"), null))
                .isNotNull();
    }
}
