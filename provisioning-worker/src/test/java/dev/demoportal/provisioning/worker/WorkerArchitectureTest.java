package dev.demoportal.provisioning.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.demoportal.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The worker's boundaries: cloud SDKs only in their driver packages, data only through core services. */
class WorkerArchitectureTest {

    /**
     * Exactly the worker module's production classes: the runner and drivers, and the features'
     * recurring work ({@code sandbox.worker}, {@code booking.worker}, {@code usage.worker}).
     */
    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains(WorkerConfiguration.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .getPath()))
            .importPackages("dev.demoportal");

    /**
     * The simulated cloud's own storage ({@code simulated_resource}): it stands in for a cloud
     * provider's API, not for portal data, so it is the one place in the worker with SQL.
     */
    private static final String SIMULATED_CLOUD_STORAGE =
            "dev.demoportal.provisioning.worker.simulated.SimulatedCloudQueries";

    @Test
    void importsTheRunnerAndTheFeaturesWork() {
        assertThat(WORKER.stream().map(c -> c.getPackage().getName()).distinct())
                .contains(
                        "dev.demoportal.provisioning.worker",
                        "dev.demoportal.provisioning.worker.simulated",
                        "dev.demoportal.sandbox.worker",
                        "dev.demoportal.booking.worker",
                        "dev.demoportal.usage.worker")
                .doesNotContain("dev.demoportal.provisioning", "dev.demoportal.testing");
    }

    @Test
    void onlyTheAwsDriverTalksToAws() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "dev.demoportal.provisioning.worker.aws..", "dev.demoportal.provisioning.worker.kubernetes..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..")
                .because("the runner and the simulated driver must not depend on a cloud")
                .check(WORKER);
    }

    @Test
    void onlyTheKubernetesDriverTalksToKubernetes() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.demoportal.provisioning.worker.kubernetes..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.fabric8..")
                .check(WORKER);
    }

    @Test
    void onlyTheVaultDriverTalksToVault() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.demoportal.provisioning.worker.vault..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.vault..")
                .check(WORKER);
    }

    @Test
    void theWorkerUsesCoreServicesNotRepositoriesOrSql() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(SIMULATED_CLOUD_STORAGE)
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.data..", "org.springframework.jdbc.core..", "jakarta.persistence..")
                .because(
                        "jobs and steps change only through JobExecutionService, which owns the transactions and events")
                .check(WORKER);
    }

    @Test
    void sqlLivesInPackagePrivateRepositoriesAndQueries() {
        ArchitectureRules.sqlOnlyInRepositoriesAndQueries().check(WORKER);
        ArchitectureRules.repositoriesAndQueriesArePackagePrivate().check(WORKER);
    }

    @Test
    void driverPackagesDoNotDependOnEachOtherInCycles() {
        SlicesRuleDefinition.slices()
                .matching("dev.demoportal.provisioning.worker.(*)..")
                .should()
                .beFreeOfCycles()
                .check(WORKER);
    }
}
