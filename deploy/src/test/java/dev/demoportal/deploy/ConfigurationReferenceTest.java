package dev.demoportal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/operations/configuration-reference.md} says exactly what the code binds. When a
 * {@code @ConfigurationProperties} record changes, this fails until the reference is regenerated
 * ({@code ./portal config-reference}, which runs this test with {@code -Dconfiguration-reference.update=true}).
 */
class ConfigurationReferenceTest {

    @Test
    void theCommittedReferenceIsUpToDate() throws Exception {
        String generated = ConfigurationReference.generate();
        if (Boolean.getBoolean("configuration-reference.update")) {
            Files.writeString(ConfigurationReference.DOCUMENT, generated);
        }

        String committed =
                Files.exists(ConfigurationReference.DOCUMENT) ? Files.readString(ConfigurationReference.DOCUMENT) : "";
        assertThat(committed)
                .as("docs/operations/configuration-reference.md is out of date; regenerate it with: "
                        + ConfigurationReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyPropertyIsDocumentedAndHasItsEnvironmentVariable() {
        String reference = ConfigurationReference.generate();

        assertThat(reference)
                .contains("| `portal.identity.role-claim` | String | `groups` | `PORTAL_IDENTITY_ROLECLAIM` |")
                .contains("| `portal.identity.role-mapping.<key>` | Map&lt;String, Role&gt; | empty | use YAML |")
                .contains("| `portal.worker.embedded` | Boolean | `false` | `PORTAL_WORKER_EMBEDDED` |")
                .contains(
                        "| `portal.provisioning.drivers.region-core` | String | `simulated` | `PORTAL_PROVISIONING_DRIVERS_REGIONCORE` |")
                .contains("| `portal.provisioning.aws.hosted-zone-id` | String |")
                .contains("| `portal.provisioning.regions.<key>.cluster-name` | String | **required** | use YAML |")
                .contains("| `portal.provisioning.regions.<key>.gateway-namespace` | String | `gateway` | use YAML |")
                .doesNotContain("**undocumented**");
    }
}
