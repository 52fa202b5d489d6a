package dev.demoportal.booking;

import dev.demoportal.TestUsers;
import dev.demoportal.environment.BookingRules;
import dev.demoportal.environment.EnvironmentForm;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentStatus;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;

/** People and environments for booking tests, made the way production makes them. */
final class BookingFixtures {

    private static final String ISSUER = "https://idp.example/realms/demo";
    private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();

    /** No two {@code BOOKED} rows of one slot overlap: what the exclusion constraint promises. */
    static final String OVERLAPPING_HELD_PAIRS = """
            select count(*) from booking a join booking b
              on a.environment_id = b.environment_id and a.slot_no = b.slot_no and a.id < b.id
             and a.period && b.period
            where a.status = 'BOOKED' and b.status = 'BOOKED'""";

    private final UserService users;
    private final EnvironmentService environments;
    private final JdbcTemplate jdbc;
    private final UserAccount admin;

    BookingFixtures(UserService users, EnvironmentService environments, JdbcTemplate jdbc) {
        this.users = users;
        this.environments = environments;
        this.jdbc = jdbc;
        this.admin = person("Alex Admin", Role.ADMIN);
    }

    /** Signs someone in through the IdP path, so they have a {@code portal_user} row. */
    UserAccount person(String name, Role role) {
        String subject = "sub-" + UUID.randomUUID();
        String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@"
                + (role == Role.CUSTOMER ? "acme.example" : "demoportal.dev");
        return users.signIn(
                new MappedIdentity(ISSUER, subject, email, name, Set.of(role), role == Role.CUSTOMER ? "Acme" : null));
    }

    /** Makes {@code who} the signed-in user of this thread. */
    static void as(UserAccount who) {
        TestUsers.signInAs(who.id(), who.displayName(), who.roles().toArray(Role[]::new));
    }

    UserAccount admin() {
        return admin;
    }

    EnvironmentSummary environment(int slots) {
        return environment("emea", slots, EnvironmentStatus.AVAILABLE);
    }

    /** A new environment, created by the admin; the caller's sign-in is restored afterwards. */
    EnvironmentSummary environment(String region, int slots, EnvironmentStatus status) {
        return asAdmin(() -> environments.createEnvironment(new EnvironmentForm(
                "env-" + ENVIRONMENTS.incrementAndGet() + "-"
                        + UUID.randomUUID().toString().substring(0, 6),
                "Environment " + ENVIRONMENTS.get(),
                region,
                slots,
                status,
                "",
                List.of())));
    }

    EnvironmentSummary rules(EnvironmentSummary environment, BookingRules rules) {
        return asAdmin(() -> environments.updateBookingRules(environment.id(), environment.version(), rules));
    }

    <T> T asAdmin(Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        as(admin);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    long heldRows(EnvironmentSummary environment) {
        return count("select count(*) from booking where environment_id = ? and status = 'BOOKED'", environment.id());
    }

    long rows(EnvironmentSummary environment) {
        return count("select count(*) from booking where environment_id = ?", environment.id());
    }

    long overlappingHeldPairs() {
        return count(OVERLAPPING_HELD_PAIRS);
    }

    private long count(String sql, @Nullable Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
