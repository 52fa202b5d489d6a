package dev.demoportal.sandbox;

import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns sandbox rows into the read models the UI and the API show, looking up people and names in bulk. */
@Component
class SandboxSummaries {

    private final SandboxTemplateRepository templates;
    private final SandboxSecretRepository secrets;
    private final OrganisationService organisations;
    private final UserService users;
    private final SandboxProperties properties;

    SandboxSummaries(
            SandboxTemplateRepository templates,
            SandboxSecretRepository secrets,
            OrganisationService organisations,
            UserService users,
            SandboxProperties properties) {
        this.templates = templates;
        this.secrets = secrets;
        this.organisations = organisations;
        this.users = users;
        this.properties = properties;
    }

    SandboxSummary view(Sandbox sandbox) {
        return views(List.of(sandbox)).getFirst();
    }

    List<SandboxSummary> views(List<Sandbox> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Set<UUID> people = new HashSet<>();
        Set<UUID> orgIds = new HashSet<>();
        Set<UUID> templateIds = new HashSet<>();
        for (Sandbox s : list) {
            people.add(s.requestedBy());
            if (s.decidedBy() != null) {
                people.add(s.decidedBy());
            }
            orgIds.add(s.organisationId());
            templateIds.add(s.templateId());
        }
        Map<UUID, UserAccount> accounts = users.accounts(people);
        // the people's organisations came with them (usually the sandboxes' own): look up only the rest
        Map<UUID, OrganisationRef> orgs = new HashMap<>();
        accounts.values().stream()
                .map(UserAccount::organisation)
                .filter(o -> o != null && orgIds.contains(o.id()))
                .forEach(o -> orgs.put(o.id(), o));
        Set<UUID> missing = new HashSet<>(orgIds);
        missing.removeAll(orgs.keySet());
        orgs.putAll(organisations.organisations(missing));
        Map<UUID, SandboxTemplateRepository.Shown> tpls = new HashMap<>();
        templates.shown(templateIds).forEach(t -> tpls.put(t.getId(), t));
        Map<UUID, List<String>> secretNames =
                secrets.names(list.stream().map(Sandbox::id).toList());
        return list.stream()
                .map(s -> {
                    SandboxTemplateRepository.Shown t = tpls.get(s.templateId());
                    Map<String, String> details = new LinkedHashMap<>();
                    s.accessDetails().forEach((k, v) -> details.put(k, String.valueOf(v)));
                    Instant cleanupAt = s.status() == SandboxStatus.FAILED && s.failedAt() != null
                            ? s.failedAt().plus(properties.failedCleanupAfter())
                            : null;
                    return new SandboxSummary(
                            s.id(),
                            s.name(),
                            s.status(),
                            t.getSlug(),
                            t.getName(),
                            s.regionCode(),
                            orgs.get(s.organisationId()),
                            person(accounts, s.requestedBy()),
                            s.requestedAt(),
                            s.lifetimeHours(),
                            s.useCase(),
                            s.decidedBy() == null ? null : person(accounts, s.decidedBy()),
                            s.decidedByPolicy(),
                            s.decidedAt(),
                            s.decisionNote(),
                            s.cancelledAt(),
                            s.provisioningAt(),
                            s.readyAt(),
                            s.expiresAt(),
                            s.extensionCount(),
                            t.getMaxLifetimeHours(),
                            s.teardownRequestedAt(),
                            s.tornDownAt(),
                            s.failedAt(),
                            s.failureLayer(),
                            s.failureStep(),
                            s.failureMessage(),
                            cleanupAt,
                            s.accessUrl(),
                            details,
                            secretNames.getOrDefault(s.id(), List.of()),
                            s.rolledBackAt(),
                            // the column reads back as an empty map when no teardown finished
                            s.teardownReceipt() != null && !s.teardownReceipt().isEmpty()
                                    ? s.teardownReceipt()
                                    : s.rollbackReceipt(),
                            s.version());
                })
                .toList();
    }

    /** The people named, looked up together. */
    Map<UUID, UserAccount> accounts(Set<UUID> people) {
        return users.accounts(people);
    }

    static SandboxSummary.Person person(Map<UUID, UserAccount> accounts, UUID id) {
        UserAccount a = accounts.get(id);
        return new SandboxSummary.Person(id, a == null ? "unknown user" : a.displayName());
    }
}
