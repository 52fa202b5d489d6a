package dev.demoportal.audit;

import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the trail. Writing happens only through domain events (see {@link AuditTrail}). */
@Service
@Transactional(readOnly = true)
public class AuditService {

    /** The largest page one search returns. */
    public static final int MAX_PAGE = 500;

    private final AuditEventRepository events;
    private final AuditQueries search;
    private final UserService users;
    private final EnvironmentService environments;

    AuditService(AuditEventRepository events, AuditQueries search, UserService users, EnvironmentService environments) {
        this.events = events;
        this.search = search;
        this.users = users;
        this.environments = environments;
    }

    /** The newest entries about one thing, newest first. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public List<AuditEntry> historyOf(String targetType, String targetId, int limit) {
        return events.findByTargetTypeAndTargetIdOrderByIdDesc(targetType, targetId, PageRequest.of(0, limit)).stream()
                .map(AuditEvent::toEntry)
                .toList();
    }

    /**
     * Everything recorded about one thing, oldest first: for a feature showing the story of
     * something to whoever it has already let see that thing (a sandbox's timeline to its owner).
     * Managers and admins browse the whole trail with {@link #historyOf} and {@link #search}.
     */
    @PreAuthorize("isAuthenticated()")
    public List<AuditEntry> storyOf(String targetType, String targetId) {
        return events.findByTargetTypeAndTargetIdOrderByIdAsc(targetType, targetId).stream()
                .map(AuditEvent::toEntry)
                .toList();
    }

    /** The newest entries overall, newest first. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public List<AuditEntry> latest(int limit) {
        return events.findAllByOrderByIdDesc(PageRequest.of(0, limit)).stream()
                .map(AuditEvent::toEntry)
                .toList();
    }

    /**
     * One page of a search, newest first. Its text is found in what the trail shows: the target,
     * the details, the actor's name, the action's label ({@link AuditLabels}) and environment names.
     */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public List<AuditEntry> search(AuditQuery query, int offset, int limit) {
        return search.page(query, also(query, true), Math.max(0, offset), Math.clamp(limit, 1, MAX_PAGE));
    }

    /** How many entries a search finds. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN')")
    public long count(AuditQuery query) {
        return search.count(query, also(query, true));
    }

    /**
     * One page of the entries a person may export ({@link #export}), newest first: a customer's
     * own organisation's only, whatever the query names.
     */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN', 'CUSTOMER')")
    public List<AuditEntry> exportPage(AuditQuery query, int offset, int limit) {
        AuditQuery scoped = scoped(query);
        return search.page(scoped, also(scoped, staff()), Math.max(0, offset), Math.clamp(limit, 1, MAX_PAGE));
    }

    /** How many entries {@link #exportPage} pages through. */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN', 'CUSTOMER')")
    public long exportCount(AuditQuery query) {
        AuditQuery scoped = scoped(query);
        return search.count(scoped, also(scoped, staff()));
    }

    /**
     * Every entry a search finds, newest first, streamed to {@code sink} through a cursor. A
     * customer gets their own organisation's entries only, whatever organisation the query names.
     */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN', 'CUSTOMER')")
    public void export(AuditQuery query, Consumer<AuditEntry> sink) {
        AuditQuery scoped = scoped(query);
        search.stream(scoped, also(scoped, staff()), sink);
    }

    /**
     * The query as the signed-in person may export it (customers are held to their organisation),
     * so a streamed export is refused before its first byte.
     */
    @PreAuthorize("hasAnyRole('MANAGER', 'ADMIN', 'CUSTOMER')")
    public AuditQuery exportable(AuditQuery query) {
        return scoped(query);
    }

    /**
     * What the query's text finds besides a row's own words: actions by label, and (for staff, who
     * may list environments) environments by name.
     */
    private AuditQueries.Also also(AuditQuery query, boolean environmentsByName) {
        String text = query.text();
        if (text == null || text.isBlank()) {
            return AuditQueries.Also.NOTHING;
        }
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        List<EnvironmentSummary> named = !environmentsByName
                ? List.of()
                : environments.allEnvironments(EnvironmentFilter.ALL).stream()
                        .filter(e -> e.name().toLowerCase(Locale.ROOT).contains(wanted))
                        .toList();
        return new AuditQueries.Also(
                AuditLabels.labelled(wanted),
                named.stream().map(e -> e.id().toString()).toList(),
                named.stream().map(EnvironmentSummary::slug).toList());
    }

    private static boolean staff() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(a -> a.equals(Role.MANAGER.authority()) || a.equals(Role.ADMIN.authority()));
    }

    private AuditQuery scoped(AuditQuery query) {
        if (staff()) {
            return query;
        }
        UserAccount me = users.me();
        if (me.organisation() == null) {
            throw new AccessDeniedException("A customer without an organisation has no audit trail to export");
        }
        return query.forOrganisation(me.organisation().id());
    }
}
