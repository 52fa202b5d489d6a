package dev.demoportal.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * Rules that span modules, defined once and checked by each module's ArchUnit suite on its own
 * classes ({@code ArchitectureTest}, {@code WorkerArchitectureTest}, {@code UiArchitectureTest}).
 */
public final class ArchitectureRules {

    /** Types that run SQL or JPQL; a class that touches one of them is data access. */
    private static final List<String> SQL_TYPES = List.of(
            "org.springframework.jdbc.core.JdbcOperations", // JdbcTemplate
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations", // NamedParameterJdbcTemplate
            "org.springframework.jdbc.core.simple.JdbcClient",
            "jakarta.persistence.EntityManager");

    private ArchitectureRules() {}

    /**
     * SQL lives in {@code *Repository} / {@code *Queries} classes of the feature that owns the
     * table: {@code JdbcClient}, {@code JdbcTemplate}, {@code NamedParameterJdbcTemplate} and
     * {@code EntityManager} appear nowhere else (nested and anonymous classes count as their
     * top-level class).
     */
    public static ArchRule sqlOnlyInRepositoriesAndQueries() {
        return noClasses()
                .that(notDataAccess())
                .should()
                .dependOnClassesThat(runSql())
                .because("SQL lives in package-private *Repository / *Queries classes of the feature that owns"
                        + " the table (STYLE.md); services and other features go through them");
    }

    /** Data access stays inside its feature: other features, views and the worker call the feature's service. */
    public static ArchRule repositoriesAndQueriesArePackagePrivate() {
        return classes()
                .that()
                .haveSimpleNameEndingWith("Repository")
                .or()
                .haveSimpleNameEndingWith("Queries")
                .should()
                .bePackagePrivate()
                .because("views, the worker and other features go through the feature's service");
    }

    private static DescribedPredicate<JavaClass> notDataAccess() {
        return DescribedPredicate.describe("are neither *Repository nor *Queries classes", type -> {
            String name = topLevel(type).getSimpleName();
            return !name.endsWith("Repository") && !name.endsWith("Queries");
        });
    }

    private static DescribedPredicate<JavaClass> runSql() {
        return DescribedPredicate.describe(
                "run SQL or JPQL (" + String.join(", ", SQL_TYPES) + ")",
                type -> SQL_TYPES.stream()
                        .anyMatch(sql -> type.isAssignableTo(sql)
                                || topLevel(type).getName().equals(sql)));
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }
}
