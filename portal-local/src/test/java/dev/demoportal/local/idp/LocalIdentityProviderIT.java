package dev.demoportal.local.idp;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import dev.demoportal.DemoSignIn;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The in-process provider on its own, as the portal finds it once the portal's context has started. */
class LocalIdentityProviderIT {

    private final SecurityContextHolderStrategy original = SecurityContextHolder.getContextHolderStrategy();

    @AfterEach
    void restoreStrategy() {
        SecurityContextHolder.setContextHolderStrategy(original);
    }

    @Test
    void signInStillWorksAfterThePortalReplacesTheSecurityContextStrategy() {
        try (var provider = LocalIdentityProvider.start(0, List.of("http://localhost:8080"))) {
            // what Vaadin's Spring Security integration does when the portal's context starts
            SecurityContextHolder.setContextHolderStrategy(new VaadinAwareSecurityContextHolderStrategy());

            JsonNode tokens = new DemoSignIn(provider.issuer()).tokens("carol");

            JsonNode claims = part(tokens.get("access_token").asString(), 1);
            assertThat(claims.get("sub").asString()).isEqualTo("carol");
            assertThat(claims.get("iss").asString()).isEqualTo(provider.issuer());
            assertThat(claims.get("groups").get(0).asString()).isEqualTo("customers");
            assertThat(claims.get("organisation").asString()).isEqualTo("Acme Corp");
            assertThat(claims.get("email").asString()).isEqualTo("carol@acme.example");
            assertThat(claims.get("email_verified").asBoolean()).isTrue();
        }
    }

    @Test
    void onlyAccessTokensNameTheApiAndCarryTheAccessTokenType() {
        try (var provider = LocalIdentityProvider.start(0, List.of("http://localhost:8080"))) {
            JsonNode tokens = new DemoSignIn(provider.issuer()).tokens("alice");

            String access = tokens.get("access_token").asString();
            assertThat(part(access, 0).get("typ").asString()).isEqualTo("at+jwt");
            assertThat(strings(part(access, 1).get("aud"))).containsExactly("demo-portal-api");

            String id = tokens.get("id_token").asString();
            assertThat(part(id, 0).has("typ") ? part(id, 0).get("typ").asString() : "")
                    .isNotEqualTo("at+jwt");
            assertThat(strings(part(id, 1).get("aud"))).containsExactly("portal-cli");
        }
    }

    private static JsonNode part(String jwt, int index) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new java.util.ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asString()));
        } else {
            values.add(node.asString());
        }
        return values;
    }
}
