package dev.demoportal.provisioning.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/** The worker's boundaries: cloud SDKs only in their driver packages, data only through core services. */
class WorkerArchitectureTest {

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.demoportal.provisioning.worker");

    @Test
    void onlyTheAwsDriverTalksToAws() {
        noClasses().that().resideOutsideOfPackages("dev.demoportal.provisioning.worker.aws..",
                        "dev.demoportal.provisioning.worker.kubernetes..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
                .because("the runner and the simulated driver must not depend on a cloud")
                .check(WORKER);
    }

    @Test
    void onlyTheKubernetesDriverTalksToKubernetes() {
        noClasses().that().resideOutsideOfPackage("dev.demoportal.provisioning.worker.kubernetes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..")
                .check(WORKER);
    }

    @Test
    void theWorkerUsesCoreServicesNotRepositoriesOrSql() {
        noClasses().should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.data..",
                        "org.springframework.jdbc.core..", "jakarta.persistence..")
                .because("jobs and steps change only through JobExecutionService, which owns the transactions and events")
                .check(WORKER);
    }

    @Test
    void driverPackagesDoNotDependOnEachOtherInCycles() {
        SlicesRuleDefinition.slices().matching("dev.demoportal.provisioning.worker.(*)..").should().beFreeOfCycles()
                .check(WORKER);
    }
}
