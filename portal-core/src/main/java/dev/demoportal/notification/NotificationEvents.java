package dev.demoportal.notification;

import dev.demoportal.base.Actor;
import dev.demoportal.base.AuditableEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Audited changes of the notification feature: webhook endpoints (their secrets never recorded). */
public final class NotificationEvents {

    private NotificationEvents() {}

    public record WebhookRegistered(Actor actor, WebhookSummary webhook) implements AuditableEvent {
        @Override
        public String action() {
            return "webhook.registered";
        }

        @Override
        public String targetType() {
            return "webhook";
        }

        @Override
        public String targetId() {
            return webhook.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", webhook.name());
            d.put("url", webhook.displayUrl());
            d.put("format", webhook.format().name());
            d.put(
                    "kinds",
                    webhook.kinds().stream().map(NotificationKind::key).sorted().toList());
            return d;
        }
    }

    public record WebhookChanged(Actor actor, WebhookSummary webhook, String change) implements AuditableEvent {
        @Override
        public String action() {
            return "webhook." + change;
        }

        @Override
        public String targetType() {
            return "webhook";
        }

        @Override
        public String targetId() {
            return webhook.id().toString();
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", webhook.name());
            d.put("url", webhook.displayUrl());
            return d;
        }
    }
}
