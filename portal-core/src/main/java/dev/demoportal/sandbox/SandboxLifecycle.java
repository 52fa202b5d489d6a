package dev.demoportal.sandbox;

import dev.demoportal.base.Actor;
import dev.demoportal.notification.NotificationService;
import dev.demoportal.provisioning.JobKind;
import dev.demoportal.provisioning.ProvisioningEvents.JobFailed;
import dev.demoportal.provisioning.ProvisioningEvents.JobStarted;
import dev.demoportal.provisioning.ProvisioningEvents.JobSucceeded;
import dev.demoportal.provisioning.ProvisioningEvents.RollbackScheduled;
import dev.demoportal.sandbox.SandboxEvents.SandboxFailed;
import dev.demoportal.sandbox.SandboxEvents.SandboxJobFailed;
import dev.demoportal.sandbox.SandboxEvents.SandboxProvisioningStarted;
import dev.demoportal.sandbox.SandboxEvents.SandboxReady;
import dev.demoportal.sandbox.SandboxEvents.SandboxRollbackScheduled;
import dev.demoportal.sandbox.SandboxEvents.SandboxRolledBack;
import dev.demoportal.sandbox.SandboxEvents.SandboxTornDown;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves sandboxes through their states as provisioning reports progress. The worker publishes its
 * events inside the transaction that records the job's change, and these listeners join it: the
 * job and the sandbox change together or not at all. That transaction has also sent the
 * {@code sandbox_changed} NOTIFY for the sandbox (provisioning's writes carry it), so the sandbox
 * events published here do not send it again.
 */
@Component
class SandboxLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SandboxLifecycle.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Actor PROVISIONING = Actor.system("provisioning");

    private final SandboxRepository sandboxes;
    private final SandboxSecretRepository secrets;
    private final SandboxSummaries views;
    private final NotificationService notifications;
    private final SandboxProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SandboxLifecycle(
            SandboxRepository sandboxes,
            SandboxSecretRepository secrets,
            SandboxSummaries views,
            NotificationService notifications,
            SandboxProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.sandboxes = sandboxes;
        this.secrets = secrets;
        this.views = views;
        this.notifications = notifications;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(JobStarted started) {
        SandboxNotifier.announcedAlready(started.sandboxId());
        Sandbox sandbox = sandboxes.findById(started.sandboxId()).orElse(null);
        if (sandbox == null) {
            return;
        }
        Instant now = clock.instant();
        if (started.kind() == JobKind.PROVISION
                && (sandbox.status() == SandboxStatus.APPROVED || sandbox.status() == SandboxStatus.FAILED)) {
            sandbox.provisioning(now);
            sandboxes.saveAndFlush(sandbox);
            events.publishEvent(new SandboxProvisioningStarted(PROVISIONING, views.view(sandbox), started.jobId()));
        } else if (started.kind() == JobKind.ROLLBACK && sandbox.status() == SandboxStatus.FAILED) {
            sandbox.rollbackStarted(now);
            sandboxes.saveAndFlush(sandbox);
        } else if (started.kind() == JobKind.TEARDOWN && sandbox.status() == SandboxStatus.FAILED) {
            // a failed teardown runs again (retry): it is tearing down once more
            sandbox.tearingDown(now);
            sandboxes.saveAndFlush(sandbox);
            events.publishEvent(new SandboxEvents.SandboxTeardownStarted(PROVISIONING, views.view(sandbox), false));
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(JobSucceeded succeeded) {
        SandboxNotifier.announcedAlready(succeeded.sandboxId());
        Sandbox sandbox = sandboxes.findById(succeeded.sandboxId()).orElse(null);
        if (sandbox == null) {
            return;
        }
        Instant now = clock.instant();
        switch (succeeded.kind()) {
            case PROVISION -> {
                if (sandbox.status() != SandboxStatus.PROVISIONING && sandbox.status() != SandboxStatus.APPROVED) {
                    log.warn(
                            "Provisioning of sandbox {} succeeded while it is {}; state kept",
                            sandbox.id(),
                            sandbox.status());
                    return;
                }
                Map<String, Object> details = new LinkedHashMap<>(succeeded.outputs());
                String url = (String) details.remove("accessUrl");
                details.remove("teardownReceipt");
                if (sandbox.status() == SandboxStatus.APPROVED) {
                    sandbox.provisioning(now);
                }
                sandbox.ready(url, details, now);
                sandboxes.saveAndFlush(sandbox);
                secrets.store(sandbox.id(), succeeded.secrets(), now);
                SandboxSummary view = views.view(sandbox);
                events.publishEvent(new SandboxReady(PROVISIONING, view, succeeded.jobId()));
            }
            case TEARDOWN -> {
                Map<String, Object> receipt = receipt(succeeded.outputs().get("teardownReceipt"));
                sandbox.tornDown(receipt, now);
                sandboxes.saveAndFlush(sandbox);
                secrets.forget(sandbox.id());
                events.publishEvent(new SandboxTornDown(PROVISIONING, views.view(sandbox), succeeded.jobId(), receipt));
                notifications.tell(
                        sandbox.requestedBy(),
                        "Your sandbox " + sandbox.name() + " was torn down.",
                        "sandboxes/" + sandbox.id());
            }
            case ROLLBACK -> {
                if (sandbox.status() != SandboxStatus.FAILED) {
                    log.warn(
                            "Rollback of sandbox {} succeeded while it is {}; state kept",
                            sandbox.id(),
                            sandbox.status());
                    return;
                }
                Map<String, Object> receipt = receipt(succeeded.outputs().get("teardownReceipt"));
                sandbox.rolledBack(receipt, now);
                sandboxes.saveAndFlush(sandbox);
                secrets.forget(sandbox.id());
                events.publishEvent(
                        new SandboxRolledBack(PROVISIONING, views.view(sandbox), succeeded.jobId(), receipt));
                notifications.tell(
                        sandbox.requestedBy(),
                        "Your sandbox " + sandbox.name() + " failed to provision; what it had made was removed.",
                        "sandboxes/" + sandbox.id());
            }
            case EXTEND -> {
                // the expiry moved when the extension was granted; the job relabelled resources and
                // may hand over a kubeconfig whose token lasts until the new expiry
                if (sandbox.status() == SandboxStatus.READY
                        && !succeeded.secrets().isEmpty()) {
                    secrets.store(sandbox.id(), succeeded.secrets(), now);
                }
            }
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(JobFailed failed) {
        SandboxNotifier.announcedAlready(failed.sandboxId());
        Sandbox sandbox = sandboxes.findById(failed.sandboxId()).orElse(null);
        if (sandbox == null) {
            return;
        }
        if (failed.kind() == JobKind.EXTEND || failed.kind() == JobKind.ROLLBACK) {
            // an extension: the sandbox still runs with its new expiry, only its labels lag behind;
            // a rollback: the sandbox stays failed, and the failed-clean-up teardown is the next net
            events.publishEvent(new SandboxJobFailed(
                    PROVISIONING,
                    views.view(sandbox),
                    failed.jobId(),
                    failed.kind(),
                    failed.layer().code(),
                    failed.step(),
                    failed.message()));
            return;
        }
        sandbox.failed(failed.layer().code(), failed.step(), failed.message(), clock.instant());
        sandboxes.saveAndFlush(sandbox);
        events.publishEvent(new SandboxFailed(
                PROVISIONING,
                views.view(sandbox),
                failed.jobId(),
                failed.kind(),
                failed.layer().code(),
                failed.step(),
                failed.message()));
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(RollbackScheduled scheduled) {
        SandboxNotifier.announcedAlready(scheduled.sandboxId());
        sandboxes
                .findById(scheduled.sandboxId())
                .ifPresent(sandbox -> events.publishEvent(new SandboxRollbackScheduled(
                        PROVISIONING, views.view(sandbox), scheduled.rollbackJobId(), scheduled.dueAt())));
    }

    private static Map<String, Object> receipt(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (RuntimeException notJson) {
            return Map.of("text", json);
        }
    }
}
