package dev.demoportal.audit.ui;

import dev.demoportal.audit.AuditEntry;
import dev.demoportal.audit.AuditLabels;
import dev.demoportal.base.Message;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An audit entry as a person reads it: what happened in words ({@link AuditLabels}), what it was
 * about by name (the environment, the sandbox, the person), and the details as "Key: value" lines
 * with names for slugs and ids and times in the viewer's time zone. The trail itself keeps stable
 * codes and ids; this is only how the pages show them. Names are looked up once per page.
 */
@Component
class AuditText {

    /** One entry as shown. */
    record Line(AuditEntry entry, String actor, String what, String about, List<String> details) {}

    /** Keys a line leaves out: ids nobody reads (a maintenance window's, an extension request's). */
    private static final Set<String> UNREAD = Set.of("window", "request");

    /** Targets whose "about" shows their {@code name}, so the details need not repeat it. */
    private static final Set<String> NAMED_IN_ABOUT = Set.of("sandbox", "sandbox_template", "region", "organisation");

    /** Key names that read better spelt out than split. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("accessUrl", "Access URL"),
            Map.entry("awsRegion", "AWS region"),
            Map.entry("byPolicy", "Approved by policy"),
            Map.entry("firstTime", "First sign-in"),
            Map.entry("fromWaitlist", "From the waitlist"),
            Map.entry("leadMinutes", "Minutes before expiry"),
            Map.entry("maxActive", "Active sandboxes allowed"),
            Map.entry("tenantSlots", "Slots"),
            Map.entry("useCase", "Use case"));

    private final EnvironmentService environments;
    private final UserService users;
    private final OrganisationService organisations;

    AuditText(EnvironmentService environments, UserService users, OrganisationService organisations) {
        this.environments = environments;
        this.users = users;
        this.organisations = organisations;
    }

    /** The entries of one page as shown, in {@code zone}. */
    List<Line> lines(List<AuditEntry> entries, ZoneId zone) {
        Names names = new Names(entries);
        return entries.stream()
                .map(e -> new Line(
                        e,
                        actor(e.actorName()),
                        AuditLabels.label(e.action()),
                        about(e, names),
                        details(e, names, zone)))
                .toList();
    }

    /** "system:waitlist" (scheduled work) reads "System (waitlist)". */
    static String actor(String name) {
        return name.startsWith("system:")
                ? "System (" + name.substring("system:".length()) + ")"
                : name.equals("system") ? "System" : name;
    }

    private static String about(AuditEntry e, Names names) {
        Map<String, Object> d = e.details();
        String name = text(d.get("name"));
        return switch (e.targetType()) {
            case "environment" -> or(names.environment(e.targetId()), or(name, "An environment"));
            case "booking" ->
                "Booking of " + or(names.environment(text(d.get("environment"))), "an environment")
                        + (d.get("slot") == null ? "" : " (slot " + d.get("slot") + ")");
            case "waitlist_entry" ->
                d.get("environment") == null
                        ? "A waitlist place"
                        : "Waitlist of " + or(names.environment(text(d.get("environment"))), "an environment");
            case "sandbox" -> name == null ? "A sandbox" : "Sandbox " + name;
            case "sandbox_template" -> "Template " + or(name, e.targetId());
            case "user" -> or(names.user(e.targetId()), "A user");
            case "organisation" -> or(names.organisation(e.targetId()), or(name, text(d.get("slug"))));
            case "invitation" -> d.get("email") == null ? "An invitation" : "Invitation for " + d.get("email");
            case "region" -> "Region " + or(name, e.targetId());
            default -> AuditLabels.label(e.targetType()) + " " + e.targetId();
        };
    }

    private static List<String> details(AuditEntry e, Names names, ZoneId zone) {
        return e.details().entrySet().stream()
                .filter(d -> !UNREAD.contains(d.getKey()))
                .filter(d -> !(d.getKey().equals("name") && NAMED_IN_ABOUT.contains(e.targetType())))
                .map(d -> key(d.getKey()) + ": " + value(d.getKey(), d.getValue(), names, zone))
                .sorted()
                .toList();
    }

    /** "lifetimeHours" reads "Lifetime hours". */
    static String key(String key) {
        String known = KEYS.get(key);
        if (known != null) {
            return known;
        }
        String spaced =
                key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? key : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String value(String key, @Nullable Object value, Names names, ZoneId zone) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty()
                    ? "none"
                    : list.stream().map(v -> value(key, v, names, zone)).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty()
                    ? "none"
                    : map.entrySet().stream()
                            .map(m -> key(String.valueOf(m.getKey())) + " " + value("", m.getValue(), names, zone))
                            .collect(Collectors.joining(", "));
        }
        String text = String.valueOf(value);
        return switch (key) {
            case "environment" -> or(names.environment(text), text);
            case "organisation" -> or(names.organisationBySlug(text), text);
            case "user" -> or(names.user(text), text);
            case "fromWaitlist" -> "yes";
            // events written before V21 name the tearing-down state EXPIRING (the trail is append-only)
            case "status" ->
                "EXPIRING".equals(text)
                        ? "tearing down"
                        : text.toLowerCase(Locale.ROOT).replace('_', ' ');
            case "kind", "roles" -> text.toLowerCase(Locale.ROOT).replace('_', ' ');
            // ISO instants (start, end, expiresAt, ...) in the viewer's zone
            default -> ViewerTime.text(Message.parse(text), zone);
        };
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String or(@Nullable String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** The names one page of entries mentions, each kind looked up once and only if needed. */
    private final class Names {

        private final List<AuditEntry> entries;
        private @Nullable Map<String, String> environmentNames;
        private @Nullable Map<String, String> userNames;
        private @Nullable Map<String, String> organisationNames;
        private final Map<String, @Nullable String> organisationsBySlug = new HashMap<>();

        Names(List<AuditEntry> entries) {
            this.entries = entries;
        }

        /** By id or slug. */
        @Nullable
        String environment(@Nullable String idOrSlug) {
            if (idOrSlug == null) {
                return null;
            }
            if (environmentNames == null) {
                environmentNames = new HashMap<>();
                for (EnvironmentSummary env : environments.allEnvironments(EnvironmentFilter.ALL)) {
                    environmentNames.put(env.id().toString(), env.name());
                    environmentNames.put(env.slug(), env.name());
                }
            }
            return environmentNames.get(idOrSlug);
        }

        @Nullable
        String user(String id) {
            if (userNames == null) {
                Set<UUID> ids = ids(e -> e.targetType().equals("user")
                        ? e.targetId()
                        : text(e.details().get("user")));
                userNames = users.accounts(ids).values().stream()
                        .collect(Collectors.toMap(a -> a.id().toString(), UserAccount::displayName));
            }
            return userNames.get(id);
        }

        @Nullable
        String organisation(String id) {
            if (organisationNames == null) {
                Set<UUID> ids = ids(e -> e.targetType().equals("organisation") ? e.targetId() : null);
                organisationNames = organisations.organisations(ids).values().stream()
                        .collect(Collectors.toMap(o -> o.id().toString(), OrganisationRef::name));
            }
            return organisationNames.get(id);
        }

        @Nullable
        String organisationBySlug(String slug) {
            return organisationsBySlug.computeIfAbsent(
                    slug,
                    s -> organisations
                            .organisation(s)
                            .map(OrganisationRef::name)
                            .orElse(null));
        }

        private Set<UUID> ids(Function<AuditEntry, @Nullable String> id) {
            Set<UUID> ids = new LinkedHashSet<>();
            for (AuditEntry e : entries) {
                String value = id.apply(e);
                if (value != null) {
                    try {
                        ids.add(UUID.fromString(value));
                    } catch (IllegalArgumentException notAnId) {
                        // a target named by code, not by id
                    }
                }
            }
            return ids;
        }
    }
}
