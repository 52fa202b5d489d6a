package dev.demoportal.identity;

import java.util.Map;
import java.util.UUID;

/**
 * A token whose every named claim has the given value acts as the service account. A value that
 * ends in {@code *} matches any value that starts with the rest ({@code refs/heads/release/*}); a
 * claim that is a list matches when one of its elements does.
 */
public record CiRuleSummary(UUID id, Map<String, String> claims, UUID serviceAccountId, String serviceAccountName) {

    public CiRuleSummary {
        claims = Map.copyOf(claims);
    }

    public boolean matches(Map<String, Object> tokenClaims) {
        for (Map.Entry<String, String> wanted : claims.entrySet()) {
            if (!matches(wanted.getValue(), tokenClaims.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String wanted, Object actual) {
        if (actual instanceof java.util.Collection<?> values) {
            return values.stream().anyMatch(v -> matches(wanted, v));
        }
        if (actual == null || actual instanceof Map<?, ?>) {
            return false;
        }
        String value = String.valueOf(actual);
        return wanted.endsWith("*") ? value.startsWith(wanted.substring(0, wanted.length() - 1)) : value.equals(wanted);
    }
}
