package dev.demoportal.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.demoportal.PortalApplication;
import dev.demoportal.base.Actor;
import dev.demoportal.provisioning.worker.WorkerConfiguration;
import dev.demoportal.testing.ArchitectureRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local mode sits on top of the portal: nothing in the portal, the worker or core reaches into it. */
class LocalArchitectureTest {

    private static final List<String> LOCATIONS = List.of(
            location(LocalPortalApplication.class),
            location(PortalApplication.class),
            location(WorkerConfiguration.class),
            location(Actor.class));

    /** The production classes of portal-local, portal-ui, the worker and portal-core; no tests. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> LOCATIONS.stream().anyMatch(location::contains))
            .importPackages("dev.demoportal");

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    @Test
    void importsLocalModeAndThePortal() {
        assertThat(CLASSES.stream().map(c -> c.getPackage().getName()).distinct())
                .contains(
                        "dev.demoportal.local",
                        "dev.demoportal.local.idp",
                        "dev.demoportal.shell",
                        "dev.demoportal.provisioning.worker");
    }

    @Test
    void nothingOutsideLocalModeDependsOnIt() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.demoportal.local..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.demoportal.local..")
                .because(
                        "the production jar does not contain local mode; the portal reads its property by name at most")
                .check(CLASSES);
    }

    @Test
    void onlyLocalModeUsesEmbeddedPostgresAndTheAuthorizationServer() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.demoportal.local..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.zonky..", "org.springframework.security.oauth2.server.authorization..")
                .because("production talks to a real database and a company identity provider")
                .check(CLASSES);
    }

    @Test
    void sqlLivesInPackagePrivateRepositoriesAndQueries() {
        ArchitectureRules.sqlOnlyInRepositoriesAndQueries().check(CLASSES);
        ArchitectureRules.repositoriesAndQueriesArePackagePrivate().check(CLASSES);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        for (JavaPackage pkg : CLASSES.getPackage("dev.demoportal.local").getSubpackagesInTree()) {
            if (!pkg.getClasses().isEmpty()) {
                assertThat(pkg.tryGetPackageInfo())
                        .as("package-info.java in %s", pkg.getName())
                        .isPresent();
            }
        }
        assertThat(CLASSES.getPackage("dev.demoportal.local").tryGetPackageInfo())
                .isPresent();
    }
}
