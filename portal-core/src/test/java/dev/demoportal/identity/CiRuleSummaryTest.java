package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CiRuleSummaryTest {

    private static CiRuleSummary rule(Map<String, String> claims) {
        return new CiRuleSummary(UUID.randomUUID(), claims, UUID.randomUUID(), "release pipeline");
    }

    @Test
    void everyNamedClaimMustHaveItsValue() {
        CiRuleSummary rule = rule(Map.of("repository", "acme/app", "ref", "refs/heads/main"));

        assertThat(rule.matches(Map.of("repository", "acme/app", "ref", "refs/heads/main", "actor", "x")))
                .isTrue();
        assertThat(rule.matches(Map.of("repository", "acme/app", "ref", "refs/heads/feature")))
                .isFalse();
        assertThat(rule.matches(Map.of("repository", "acme/app-fork", "ref", "refs/heads/main")))
                .isFalse();
        assertThat(rule.matches(Map.of("repository", "acme/app")))
                .as("a missing claim")
                .isFalse();
    }

    @Test
    void aTrailingStarMatchesByPrefixOnly() {
        CiRuleSummary rule = rule(Map.of("ref", "refs/heads/release/*"));

        assertThat(rule.matches(Map.of("ref", "refs/heads/release/1.2"))).isTrue();
        assertThat(rule.matches(Map.of("ref", "refs/heads/main"))).isFalse();
        assertThat(rule.matches(Map.of("ref", "refs/heads/release"))).isFalse();
    }

    @Test
    void listAndNumberClaimsAreReadAsTheirValues() {
        assertThat(rule(Map.of("oidc.circleci.com/context-ids", "ctx-1"))
                        .matches(Map.of("oidc.circleci.com/context-ids", List.of("ctx-0", "ctx-1"))))
                .isTrue();
        assertThat(rule(Map.of("project_id", "42")).matches(Map.of("project_id", 42)))
                .isTrue();
        assertThat(rule(Map.of("repository", "acme/app")).matches(Map.of("repository", Map.of("x", "acme/app"))))
                .isFalse();
    }
}
