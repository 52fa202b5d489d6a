package dev.demoportal.sandbox;

import dev.demoportal.base.Conflict;
import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.Message;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.Transactions;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionSummary;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.provisioning.JobAlreadyOpen;
import dev.demoportal.provisioning.SandboxSpec;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the sandbox services share: who may see a sandbox (customers only their organisation's;
 * others get "not found"), one change as one transaction with clear conflicts, the provisioning
 * spec, telling the requester, and the decision note's rules.
 */
@Component
class SandboxAccess {

    private final SandboxRepository sandboxes;
    private final OrganisationService organisations;
    private final EnvironmentService environments;
    private final NotificationService notifications;
    private final TransactionTemplate tx;

    SandboxAccess(
            SandboxRepository sandboxes,
            OrganisationService organisations,
            EnvironmentService environments,
            NotificationService notifications,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.organisations = organisations;
        this.environments = environments;
        this.notifications = notifications;
        this.tx = Transactions.own(transactions);
    }

    /** The sandbox, if {@code me} may see it; "not found" otherwise, so other organisations' ids are not confirmed. */
    Sandbox visible(UUID id, UserAccount me) {
        Sandbox sandbox = sandboxes.findById(id).orElseThrow(() -> notFound(id));
        if (me.customer()
                && (me.organisation() == null || !me.organisation().id().equals(sandbox.organisationId()))) {
            throw notFound(id);
        }
        return sandbox;
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("sandbox.not_found", "There is no sandbox " + id + " you can see.");
    }

    /** One transaction on one visible sandbox; a job still open for it becomes a clear conflict. */
    SandboxSummary change(UUID id, UserAccount me, Function<Sandbox, SandboxSummary> work) {
        try {
            return tx.execute(s -> work.apply(visible(id, me)));
        } catch (JobAlreadyOpen busy) {
            throw busy();
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMostSpecificCause().getMessage())
                    .contains("provisioning_job_one_open_per_sandbox")) {
                throw busy();
            }
            throw e;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new Conflict("sandbox.changed", "Someone changed this sandbox meanwhile; look again.");
        }
    }

    static Conflict busy() {
        return new Conflict(
                "sandbox.busy",
                "Another operation on this sandbox is still running; try again " + "when it has finished.");
    }

    void tellRequester(Sandbox sandbox, String message) {
        notifications.tell(sandbox.requestedBy(), message, "sandboxes/" + sandbox.id());
    }

    /** A message naming moments, shown to the requester in their own time zone. */
    void tellRequester(Sandbox sandbox, Message message) {
        notifications.tell(sandbox.requestedBy(), message, "sandboxes/" + sandbox.id());
    }

    SandboxSpec spec(Sandbox sandbox, SandboxTemplate template) {
        OrganisationRef organisation =
                organisations.organisation(sandbox.organisationId()).orElseThrow();
        RegionSummary region = environments.regions().stream()
                .filter(r -> r.code().equals(sandbox.regionCode()))
                .findFirst()
                .orElseThrow();
        return new SandboxSpec(
                sandbox.id(),
                sandbox.name(),
                organisation.slug(),
                template.slug(),
                region.code(),
                region.awsRegion(),
                "sandbox-" + organisation.slug(),
                sandbox.expiresAt(),
                template.parameterText(),
                sandbox.lifetimeHours());
    }

    /** The person deciding. */
    static UUID me() {
        return CurrentActor.userId().orElseThrow(() -> new AccessDeniedException("Decisions are made by people"));
    }

    /** A decision note: optional, plain text, at most 2000 characters. */
    static @Nullable String note(@Nullable String note) {
        InputRules.requireText("note", note);
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.strip().length() > 2000) {
            throw ValidationFailed.of("note", "At most 2000 characters");
        }
        return note.strip();
    }
}
