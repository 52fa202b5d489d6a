package dev.demoportal.identity;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.IdentityEvents.OrganisationCreated;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer organisations: looking them up for other features, and the field engineers' list of
 * them with their e-mail domains (the alternative to invitations for companies with their own IdP).
 */
@Service
@Transactional(readOnly = true)
public class OrganisationService {

    /** An organisation with its e-mail domains and how many people belong to it. */
    public record OrganisationSummary(OrganisationRef organisation, List<String> emailDomains, long members) {}

    private final OrganisationRepository organisations;
    private final OrganisationQueries queries;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrganisationService(
            OrganisationRepository organisations,
            OrganisationQueries queries,
            ApplicationEventPublisher events,
            Clock clock) {
        this.organisations = organisations;
        this.queries = queries;
        this.events = events;
        this.clock = clock;
    }

    /** For other features, which check visibility themselves. */
    public Optional<OrganisationRef> organisation(UUID id) {
        return organisations.findById(id).map(Organisation::toRef);
    }

    /** By slug or name, for forms and the API; for other features, which check visibility themselves. */
    public Optional<OrganisationRef> organisation(String slugOrName) {
        return organisations.findBySlugOrName(slugOrName).map(Organisation::toRef);
    }

    public Map<UUID, OrganisationRef> organisations(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return organisations.findAllById(ids).stream()
                .map(Organisation::toRef)
                .collect(Collectors.toMap(OrganisationRef::id, Function.identity()));
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<OrganisationRef> all() {
        return organisations.findAll(org.springframework.data.domain.Sort.by("name")).stream()
                .map(Organisation::toRef)
                .toList();
    }

    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public List<OrganisationSummary> summaries() {
        Map<UUID, List<String>> domains = queries.emailDomains();
        Map<UUID, Long> members = queries.memberCounts();
        return all().stream()
                .map(o -> new OrganisationSummary(
                        o, domains.getOrDefault(o.id(), List.of()), members.getOrDefault(o.id(), 0L)))
                .toList();
    }

    /** Creates an organisation (or returns the one of that name or slug). */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    @Transactional
    public OrganisationRef create(String name) {
        InputRules.requireText("name", name);
        if (name == null || name.isBlank() || name.strip().length() > 120) {
            throw ValidationFailed.of("name", "Give the organisation a name of at most 120 characters");
        }
        String slug = UserService.slugOf(name);
        return organisations
                .findBySlugOrName(name.strip())
                .or(() -> organisations.findBySlugOrName(slug))
                .map(Organisation::toRef)
                .orElseGet(() -> {
                    Organisation created =
                            organisations.saveAndFlush(new Organisation(slug, name.strip(), clock.instant()));
                    events.publishEvent(new OrganisationCreated(
                            CurrentActor.actor(), created.toRef(), "created by a field engineer"));
                    return created.toRef();
                });
    }

    /**
     * Creates an organisation whose name and slug are both free; another organisation of that name,
     * or one holding the slug the name makes, is a validation failure naming it (the API's create).
     */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    @Transactional
    public OrganisationRef createNew(String name) {
        String wanted = name == null ? "" : name.strip();
        organisations.findBySlugOrName(wanted).ifPresent(other -> {
            throw ValidationFailed.of(
                    "name",
                    "There is an organisation of this name already: "
                            + other.toRef().slug());
        });
        if (!wanted.isBlank()) {
            organisations.findBySlugOrName(UserService.slugOf(wanted)).ifPresent(other -> {
                throw ValidationFailed.of(
                        "name",
                        "Its slug is taken by the organisation " + other.toRef().name());
            });
        }
        return create(wanted);
    }

    /**
     * Gives an organisation a new name (at most 120 characters, no other organisation's); its slug
     * stays, so API calls, invitation links and IdP mappings that name it keep working.
     */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    @Transactional
    public OrganisationRef rename(UUID organisationId, String name) {
        InputRules.requireText("name", name);
        if (name == null || name.isBlank() || name.strip().length() > 120) {
            throw ValidationFailed.of("name", "Give the organisation a name of at most 120 characters");
        }
        Organisation organisation = organisations
                .findById(organisationId)
                .orElseThrow(() -> new NotFound("organisation.not_found", "No such organisation."));
        String previous = organisation.toRef().name();
        String wanted = name.strip();
        if (previous.equals(wanted)) {
            return organisation.toRef();
        }
        organisations
                .findBySlugOrName(wanted)
                .filter(other -> !other.id().equals(organisationId))
                .ifPresent(other -> {
                    throw ValidationFailed.of(
                            "name",
                            "There is an organisation of this name already: "
                                    + other.toRef().slug());
                });
        organisation.rename(wanted, clock.instant());
        organisations.saveAndFlush(organisation);
        events.publishEvent(
                new IdentityEvents.OrganisationRenamed(CurrentActor.actor(), organisation.toRef(), previous));
        return organisation.toRef();
    }

    /** Customers signing in with an address at {@code domain} belong to the organisation. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    @Transactional
    public void addEmailDomain(UUID organisationId, String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(java.util.Locale.ROOT);
        if (!d.matches("^[a-z0-9.-]+\\.[a-z]{2,}$")) {
            throw ValidationFailed.of("domain", "Give a domain such as acme.example");
        }
        Organisation organisation = organisations
                .findById(organisationId)
                .orElseThrow(() -> new NotFound("organisation.not_found", "No such organisation."));
        if (queries.emailDomainTaken(d)) {
            throw ValidationFailed.of("domain", d + " already belongs to an organisation");
        }
        queries.addEmailDomain(d, organisationId);
        events.publishEvent(new IdentityEvents.OrganisationDomainAdded(CurrentActor.actor(), organisation.toRef(), d));
    }
}
