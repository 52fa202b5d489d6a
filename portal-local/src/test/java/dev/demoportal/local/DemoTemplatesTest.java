package dev.demoportal.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.demoportal.provisioning.TemplateContents;
import dev.demoportal.provisioning.TemplateParameterSchema;
import dev.demoportal.sandbox.TemplateForm;
import org.junit.jupiter.api.Test;

/** The demo templates declare contents the drivers deliver, and nothing a driver ignores. */
class DemoTemplatesTest {

    @Test
    void everyDemoTemplateDeclaresContentsAndOnlyWhatADriverReads() {
        assertThat(DemoSandboxes.templatesToSeed()).hasSize(3).allSatisfy((TemplateForm t) -> {
            assertThat(TemplateParameterSchema.check(t.parameters()))
                    .as(t.slug())
                    .isEmpty();
            TemplateContents contents = TemplateContents.of(t.parameters());
            assertThat(contents.releases()).as(t.slug()).isNotEmpty();
            assertThat(contents.route()).as(t.slug()).isNotNull();
            assertThat(contents.probePath()).as(t.slug()).isNotNull();
            // the route leads to a service one of its releases makes (podinfo names its service after the release)
            assertThat(contents.releases())
                    .as(t.slug())
                    .anySatisfy(
                            r -> assertThat(r.name()).isEqualTo(contents.route().service()));
            // Vault contents exactly where the catalogue promises Vault
            assertThat(contents.vault() != null)
                    .as(t.slug() + " declares Vault contents")
                    .isEqualTo(t.description().contains("Vault"));
        });
        assertThat(DemoSandboxes.templatesToSeed())
                .filteredOn(t -> t.slug().equals("secrets-workshop"))
                .singleElement()
                .satisfies(t -> assertThat(
                                TemplateContents.of(t.parameters()).vault().database())
                        .as("dynamic database credentials")
                        .isNotNull());
    }
}
