package dev.demoportal.sandbox;

import dev.demoportal.base.Transactions;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sandbox quotas: how many active sandboxes of a template an organisation may hold, and how many it
 * holds. Requests are checked against it (under a lock, in {@link SandboxService#request}); the
 * request form shows it up front, so nobody fills in a form the quota refuses anyway.
 */
@Service
public class SandboxQuotaService {

    /** The quota lock is per organisation and template; the prefix keeps it apart from other advisory locks. */
    private static final String QUOTA_LOCK = "sandbox-quota:";

    private final SandboxRepository sandboxes;
    private final SandboxTemplateRepository templates;
    private final OrganisationService organisations;
    private final UserService users;
    private final QuotaOverrideRepository overrides;
    private final TransactionTemplate readOnly;

    SandboxQuotaService(
            SandboxRepository sandboxes,
            SandboxTemplateRepository templates,
            OrganisationService organisations,
            UserService users,
            QuotaOverrideRepository overrides,
            PlatformTransactionManager transactions) {
        this.sandboxes = sandboxes;
        this.templates = templates;
        this.organisations = organisations;
        this.users = users;
        this.overrides = overrides;
        this.readOnly = Transactions.readOnly(transactions);
    }

    /**
     * The quota of every template one may request now, by template name, for one organisation: a
     * customer's own (naming another is refused), or the one staff name (slug or name).
     */
    @PreAuthorize("hasAnyRole('CUSTOMER', 'FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<QuotaUsage> quotas(@Nullable String organisation) {
        return readOnly.execute(s -> {
            OrganisationRef owner = organisationFor(users.me(), organisation);
            Map<UUID, Integer> own = overrides.of(owner.id());
            Map<UUID, Long> active = new HashMap<>();
            sandboxes.countActiveByTemplate(owner.id()).forEach(c -> active.put(c.getTemplateId(), c.getActive()));
            return templates.findByActiveTrueOrderByName().stream()
                    .map(t -> new QuotaUsage(
                            t.slug(),
                            t.name(),
                            owner,
                            own.getOrDefault(t.id(), t.organisationQuota()),
                            active.getOrDefault(t.id(), 0L)))
                    .toList();
        });
    }

    private OrganisationRef organisationFor(UserAccount me, @Nullable String requested) {
        if (me.customer()) {
            OrganisationRef own = me.organisation();
            if (own == null) {
                throw ValidationFailed.of("organisation", "You belong to no organisation yet");
            }
            if (requested != null
                    && !requested.isBlank()
                    && !requested.strip().equals(own.slug())
                    && !requested.strip().equalsIgnoreCase(own.name())) {
                throw ValidationFailed.of("organisation", "You can see the quota of " + own.name() + " only");
            }
            return own;
        }
        if (requested == null || requested.isBlank()) {
            throw ValidationFailed.of("organisation", "Choose the customer organisation");
        }
        return organisations
                .organisation(requested.strip())
                .orElseThrow(() -> ValidationFailed.of("organisation", "There is no organisation " + requested));
    }

    // ---- the request's check, in its transaction ----------------------------------------------

    /**
     * Serialises quota decisions for one organisation and template until the caller's transaction
     * ends, so two requests racing for the last unit count one after the other.
     */
    void lock(UUID organisationId, UUID templateId) {
        sandboxes.lockQuota(QUOTA_LOCK + organisationId + ":" + templateId);
    }

    int quota(UUID organisationId, SandboxTemplate template) {
        return overrides.of(organisationId, template.id()).orElse(template.organisationQuota());
    }

    long active(UUID organisationId, UUID templateId) {
        return sandboxes.countActive(organisationId, templateId);
    }
}
