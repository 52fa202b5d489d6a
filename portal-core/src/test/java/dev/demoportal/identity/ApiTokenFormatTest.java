package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenFormatTest {

    @Test
    void aNewTokenHasThePrefixRandomPartAndAValidChecksum() {
        String token = ApiTokenFormat.generate();

        assertThat(token).matches("dpt_[0-9A-Za-z]{46}");
        assertThat(ApiTokenFormat.wellFormed(token)).isTrue();
        assertThat(ApiTokenFormat.looksLikeApiToken(token)).isTrue();
        assertThat(ApiTokenFormat.hint(token)).isEqualTo(token.substring(4, 12));
    }

    @Test
    void anyChangedCharacterBreaksTheChecksum() {
        String token = ApiTokenFormat.generate();
        for (int i = 4; i < token.length(); i++) {
            char changed = token.charAt(i) == 'x' ? 'y' : 'x';
            String altered = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(ApiTokenFormat.wellFormed(altered))
                    .as("changed at %d", i)
                    .isFalse();
        }
        assertThat(ApiTokenFormat.wellFormed(token + "0")).isFalse();
        assertThat(ApiTokenFormat.wellFormed("ghp_" + token.substring(4))).isFalse();
    }

    @Test
    void tokensAreUniqueAndOnlyTheirHashIsKept() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(ApiTokenFormat.generate())).isTrue();
        }
        String token = seen.iterator().next();
        assertThat(ApiTokenFormat.hash(token)).matches("[0-9a-f]{64}").doesNotContain(token.substring(4));
    }
}
