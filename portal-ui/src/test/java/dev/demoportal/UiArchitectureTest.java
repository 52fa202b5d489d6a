package dev.demoportal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.component.Component;
import dev.demoportal.base.Actor;
import dev.demoportal.provisioning.worker.WorkerConfiguration;
import dev.demoportal.testing.ArchitectureRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boundaries of the web app and the worker it embeds, as STYLE.md states them. */
class UiArchitectureTest {

    private static final List<String> LOCATIONS =
            List.of(location(PortalApplication.class), location(WorkerConfiguration.class), location(Actor.class));

    /** The production classes of portal-ui, the provisioning worker and portal-core; no tests, no test support. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> LOCATIONS.stream().anyMatch(location::contains))
            .importPackages("dev.demoportal");

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    @Test
    void importsTheWebAppTheWorkerAndTheCore() {
        assertThat(CLASSES.stream().map(c -> c.getPackage().getName()).distinct())
                .contains(
                        "dev.demoportal.environment.ui",
                        "dev.demoportal.identity.api",
                        "dev.demoportal.provisioning.worker",
                        "dev.demoportal.environment")
                .doesNotContain("dev.demoportal.testing");
    }

    @Test
    void viewsAndTheApiGoThroughServicesNotRepositories() {
        noClasses()
                .that()
                .resideInAnyPackage("..ui..", "..api..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.data.repository..", "org.springframework.data.jpa.repository..")
                .because("views and controllers call the feature's service, which owns transactions and checks roles")
                .check(CLASSES);
    }

    @Test
    void theWorkerGoesThroughServicesNotRepositories() {
        noClasses()
                .that()
                .resideInAPackage("dev.demoportal.provisioning.worker..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.data.repository..", "org.springframework.data.jpa.repository..")
                .check(CLASSES);
    }

    /** The web app, and core and the worker as they are assembled into it. */
    @Test
    void sqlLivesInPackagePrivateRepositoriesAndQueries() {
        ArchitectureRules.sqlOnlyInRepositoriesAndQueries().check(CLASSES);
        ArchitectureRules.repositoriesAndQueriesArePackagePrivate().check(CLASSES);
    }

    @Test
    void viewsDoNotUseTheApi() {
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .and()
                .areAssignableTo(Component.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..api..")
                .because("views and the REST API are two doors to the same services")
                .check(CLASSES);
    }

    @Test
    void theApiDoesNotUseViewsOrVaadin() {
        noClasses()
                .that()
                .resideInAPackage("..api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..ui..", "com.vaadin..")
                .check(CLASSES);
    }

    /** Features build on each other in one direction only; the app shell sits on top of them all. */
    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.demoportal.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void nothingDependsOnTheAppShell() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.demoportal.shell..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.demoportal.shell..")
                .because("the shell composes the features; a feature that needed it would form a cycle")
                .check(CLASSES);
    }

    @Test
    void theSharedKernelDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("dev.demoportal.base..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.demoportal.identity..",
                        "dev.demoportal.environment..",
                        "dev.demoportal.audit..",
                        "dev.demoportal.local..",
                        "dev.demoportal.provisioning..",
                        "dev.demoportal.booking..",
                        "dev.demoportal.notification..",
                        "dev.demoportal.shell..")
                .check(CLASSES);
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        for (JavaPackage pkg : CLASSES.getPackage("dev.demoportal").getSubpackagesInTree()) {
            if (!pkg.getClasses().isEmpty()) {
                assertThat(pkg.tryGetPackageInfo())
                        .as("package-info.java in %s", pkg.getName())
                        .isPresent();
            }
        }
    }
}
