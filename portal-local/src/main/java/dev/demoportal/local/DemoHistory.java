package dev.demoportal.local;

import dev.demoportal.base.SystemTask;
import dev.demoportal.identity.MappedIdentity;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.sandbox.SandboxProperties;
import dev.demoportal.usage.UsageService;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local mode's past, so the dashboards are not empty on first start: six weeks of bookings on the
 * demo environments (held, released, no-shows, cancellations, waitlist hand-offs) by the demo
 * people, and, where the sandbox catalogue has templates, six weeks of sandboxes with their jobs,
 * steps and audit trail. History cannot go through the services (they refuse the past), so it is
 * written with SQL ({@link DemoHistoryQueries}), once: only when there is no booking older than a day.
 * It must still be data the product could have written (pages and the API read it as they read their
 * own), so each statement mirrors what the sandbox service, the worker and the expiry sweep write.
 * Runs after {@link DemoData}.
 */
class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

    /** The demo people as the local provider signs them in (subject = username). */
    private record Person(String username, String name, String email, Role role, String organisation) {}

    private static final List<Person> PEOPLE = List.of(
            new Person("alice", "Alice Field", "alice@demoportal.dev", Role.FIELD_ENGINEER, null),
            new Person("frank", "Frank Field", "frank@demoportal.dev", Role.FIELD_ENGINEER, null),
            new Person("maria", "Maria Manager", "maria@demoportal.dev", Role.MANAGER, null),
            new Person("carol", "Carol Customer", "carol@acme.example", Role.CUSTOMER, "Acme Corp"),
            new Person("dave", "Dave Customer", "dave@globex.example", Role.CUSTOMER, "Globex"));

    private final DemoHistoryQueries queries;
    private final TransactionTemplate tx;
    private final UserService users;
    private final UsageService usage;
    private final SandboxProperties sandboxProperties;
    private final String issuer;
    private final boolean enabled;

    DemoHistory(
            DemoHistoryQueries queries,
            TransactionTemplate tx,
            UserService users,
            UsageService usage,
            SandboxProperties sandboxProperties,
            @Value("${portal.local.idp-issuer:}") String issuer,
            LocalModeProperties local) {
        this.queries = queries;
        this.tx = tx;
        this.users = users;
        this.usage = usage;
        this.sandboxProperties = sandboxProperties;
        this.issuer = issuer;
        this.enabled = local.demoHistory();
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(10)
    void seed() {
        if (!enabled || issuer.isBlank()) {
            return;
        }
        if (queries.hasHistory()) {
            return;
        }
        for (Person p : PEOPLE) {
            users.signIn(
                    new MappedIdentity(issuer, p.username(), p.email(), p.name(), Set.of(p.role()), p.organisation()));
        }
        queries.chooseSlack(
                issuer,
                List.of("alice@demoportal.dev"),
                Arrays.stream(NotificationKind.values())
                        .map(NotificationKind::key)
                        .toList());
        DemoHistoryQueries.Seeded seeded =
                tx.execute(status -> queries.seed(issuer, sandboxProperties.failedCleanupAfter()));
        int rolled = SystemTask.run("local-demo-history", List.of("ADMIN"), usage::refreshRollupCompletely);
        log.info(
                "Seeded demo history: {} bookings, {} waitlist hand-offs, {} sandboxes{}; {} days rolled up",
                seeded.bookings(),
                seeded.waitlist(),
                seeded.sandboxes(),
                seeded.sandboxes() == 0 ? " (no sandbox templates yet, so no sandbox history)" : "",
                rolled);
    }
}
