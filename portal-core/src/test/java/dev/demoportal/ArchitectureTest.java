package dev.demoportal;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.demoportal.base.Actor;
import dev.demoportal.testing.ArchitectureRules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

/** The module boundaries of portal-core, as STYLE.md states them. */
class ArchitectureTest {

    /** Exactly portal-core's production classes: not its tests, not test-support's {@code dev.demoportal.testing}. */
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains(coreLocation()))
            .importPackages("dev.demoportal");

    private static String coreLocation() {
        return Actor.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    @Test
    void importsTheCoreFeatures() {
        assertThat(CORE.stream().map(c -> c.getPackage().getName()).distinct())
                .contains(
                        "dev.demoportal.base",
                        "dev.demoportal.identity",
                        "dev.demoportal.environment",
                        "dev.demoportal.audit")
                .doesNotContain("dev.demoportal.testing");
    }

    @Test
    void repositoriesAreVisibleOnlyInsideTheirFeature() {
        ArchRule byName = classes()
                .that()
                .haveSimpleNameEndingWith("Repository")
                .should()
                .bePackagePrivate()
                .because("views, the worker and other features go through the feature's service");
        ArchRule byType = classes()
                .that()
                .areAssignableTo(Repository.class)
                .should()
                .bePackagePrivate()
                .andShould()
                .haveSimpleNameEndingWith("Repository");

        byName.check(CORE);
        byType.check(CORE);
    }

    @Test
    void sqlLivesInPackagePrivateRepositoriesAndQueries() {
        ArchitectureRules.sqlOnlyInRepositoriesAndQueries().check(CORE);
        ArchitectureRules.repositoriesAndQueriesArePackagePrivate().check(CORE);
    }

    /** The SQL rules can fail: they report the deliberately broken classes of {@code dev.demoportal.archfixture}. */
    @Test
    void sqlRulesReportServicesThatRunSqlAndPublicRepositories() {
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.demoportal.archfixture");

        EvaluationResult sql =
                ArchitectureRules.sqlOnlyInRepositoriesAndQueries().evaluate(fixture);
        assertThat(sql.hasViolation()).isTrue();
        assertThat(sql.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("dev.demoportal.archfixture.FooService") && line.contains("JdbcClient"))
                .noneMatch(line -> line.contains("FooQueries") || line.contains("PublicBarRepository"));

        EvaluationResult visibility =
                ArchitectureRules.repositoriesAndQueriesArePackagePrivate().evaluate(fixture);
        assertThat(visibility.getFailureReport().getDetails())
                .hasSize(1)
                .allMatch(line -> line.contains("dev.demoportal.archfixture.PublicBarRepository"));
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("dev.demoportal.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreDoesNotTalkToAwsOrKubernetes() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "io.fabric8..")
                .because("only the worker's driver packages may")
                .check(CORE);
    }

    private static final Set<Class<?>> TIME_TYPES = Set.of(
            Instant.class,
            LocalDate.class,
            LocalDateTime.class,
            LocalTime.class,
            OffsetDateTime.class,
            OffsetTime.class,
            ZonedDateTime.class,
            Year.class,
            YearMonth.class,
            java.time.MonthDay.class);

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses()
                .should()
                .callMethodWhere(
                        describe("read the system time directly", (JavaMethodCall call) -> readsSystemTime(call)))
                .because("tests must control time: inject a Clock")
                .check(CORE);
    }

    private static boolean readsSystemTime(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        String name = call.getName();
        boolean now = name.equals("now")
                && TIME_TYPES.stream().anyMatch(t -> t.getName().equals(owner));
        boolean system = owner.equals(System.class.getName()) && name.equals("currentTimeMillis");
        boolean systemClock = owner.equals(Clock.class.getName())
                && (name.equals("systemDefaultZone") || name.equals("systemUTC"))
                && !call.getOriginOwner().getSimpleName().equals("BaseConfiguration");
        return now || system || systemClock;
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        for (JavaPackage pkg : CORE.getPackage("dev.demoportal").getSubpackagesInTree()) {
            if (!pkg.getClasses().isEmpty()) {
                assertThat(pkg.tryGetPackageInfo())
                        .as("package-info.java in %s", pkg.getName())
                        .isPresent();
            }
        }
    }
}
