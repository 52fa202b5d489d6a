package dev.demoportal.booking;

import dev.demoportal.base.Actor;
import dev.demoportal.booking.AccessWork.Action;
import dev.demoportal.environment.AccessSettings;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access leases: a holding of a slot grants its holder a RoleBinding in the slot's namespace, and
 * the holding's end revokes it. Leases follow the bookings (never a second source of truth): the
 * worker {@link #reconcile() reconciles} them with the holdings, then claims due work one lease at
 * a time ({@link #claimNext()}), has its driver carry it out, and reports back. A revoke is due at
 * the holding's end, to the minute, and comes before any grant.
 */
@Service
@Transactional
public class AccessLeaseService {

    private static final Logger log = LoggerFactory.getLogger(AccessLeaseService.class);
    private static final Actor WORKER = Actor.system("access");
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final AccessLeaseRepository leases;
    private final BookingRepository bookings;
    private final EnvironmentService environments;
    private final UserService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccessLeaseService(
            AccessLeaseRepository leases,
            BookingRepository bookings,
            EnvironmentService environments,
            UserService users,
            ApplicationEventPublisher events,
            Clock clock) {
        this.leases = leases;
        this.bookings = bookings;
        this.environments = environments;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Brings the leases in line with the holdings: a lease for every holding that started (on an
     * environment with leases), and every open lease's revoke moved to its holding's end (an
     * extension, a release, a no-show, a force-release). Returns how many leases it opened.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public int reconcile() {
        Instant now = clock.instant();
        List<Booking> held = bookings.heldAt(now);
        Set<UUID> leased = leases
                .findByBookingIdIn(held.stream().map(Booking::id).toList())
                .stream()
                .map(AccessLease::bookingId)
                .collect(Collectors.toSet());
        Map<UUID, EnvironmentSummary> environmentsById = new HashMap<>();
        Map<UUID, AccessSettings> settingsById = new HashMap<>();
        int opened = 0;
        for (Booking booking : held) {
            if (leased.contains(booking.id())) {
                continue;
            }
            AccessSettings settings =
                    settingsById.computeIfAbsent(booking.environmentId(), environments::accessSettings);
            if (!settings.enabled()) {
                continue;
            }
            EnvironmentSummary environment =
                    environmentsById.computeIfAbsent(booking.environmentId(), environments::environment);
            Optional<UserAccount> holder = users.account(booking.holderId());
            String subject = settings.subject(
                    booking.holderId(), holder.map(UserAccount::email).orElse(null));
            if (subject == null) {
                log.warn(
                        "Booking {}: the holder has no e-mail for the subject template of {}; no access lease",
                        booking.id(),
                        environment.slug());
                continue;
            }
            leases.save(new AccessLease(
                    booking,
                    environment.region().code(),
                    settings.namespace(environment.slug(), booking.slotNo()),
                    settings.subjectKind(),
                    subject,
                    settings.clusterRole(),
                    now));
            opened++;
        }
        List<AccessLease> open = leases.open();
        Map<UUID, Booking> byId = bookings
                .findAllById(open.stream().map(AccessLease::bookingId).toList())
                .stream()
                .collect(Collectors.toMap(Booking::id, Function.identity()));
        for (AccessLease lease : open) {
            Booking booking = byId.get(lease.bookingId());
            if (booking == null) {
                continue;
            }
            BookingStatus status = booking.status(now);
            boolean over = status != BookingStatus.ACTIVE && status != BookingStatus.RESERVED;
            Instant end = over && booking.endsAt().isAfter(now) ? now : booking.endsAt();
            lease.followEnd(end, now);
        }
        return opened;
    }

    /** Claims the next due grant or revoke for this worker (revokes first); empty when nothing is due. */
    @PreAuthorize("hasRole('ADMIN')")
    public Optional<AccessWork> claimNext() {
        Instant now = clock.instant();
        return leases.nextDue(now).map(lease -> {
            lease.claim(now);
            EnvironmentSummary environment = environments.environment(lease.environmentId());
            return new AccessWork(
                    lease.id(),
                    lease.revokeDue(now) ? Action.REVOKE : Action.GRANT,
                    lease.bookingId(),
                    environment.slug(),
                    lease.slotNo(),
                    lease.regionCode(),
                    environment.region().awsRegion(),
                    lease.namespace(),
                    lease.bindingName(),
                    lease.subjectKind(),
                    lease.subject(),
                    lease.clusterRole());
        });
    }

    /** The driver carried out {@code work}: records it, with its access receipt. */
    @PreAuthorize("hasRole('ADMIN')")
    public void done(AccessWork work) {
        Instant now = clock.instant();
        AccessLease lease = leases.findById(work.leaseId()).orElseThrow();
        if (work.action() == Action.GRANT) {
            lease.granted(now);
            events.publishEvent(new AccessEvents.AccessGranted(
                    WORKER, lease.toView(), work.environmentSlug(), work.slot(), lease.grantDueAt(), now));
        } else {
            lease.revoked(now);
            events.publishEvent(new AccessEvents.AccessRevoked(
                    WORKER, lease.toView(), work.environmentSlug(), work.slot(), lease.revokeDueAt(), now));
        }
    }

    /**
     * The driver failed: retried with backoff (2 s doubling to a minute). A grant's retry never
     * waits past the holding's end, so the revoke that is then due is not held up by it; the
     * booking itself stands whatever happens to its access.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void failed(AccessWork work, String error) {
        Instant now = clock.instant();
        AccessLease lease = leases.findById(work.leaseId()).orElseThrow();
        long factor = 1L << Math.min(lease.attempts() - 1, 5);
        Duration wait = FIRST_RETRY.multipliedBy(factor);
        Instant retryAt = now.plus(wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait);
        if (work.action() == Action.GRANT && retryAt.isAfter(lease.revokeDueAt())) {
            retryAt = lease.revokeDueAt().isAfter(now) ? lease.revokeDueAt() : now;
        }
        lease.failed(error, retryAt, now);
        events.publishEvent(new AccessEvents.AccessAttemptFailed(
                WORKER, lease.toView(), work.environmentSlug(), work.slot(), work.action(), error, retryAt));
    }

    /** The access lease of a booking, if its environment grants access. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public Optional<AccessSummary> access(UUID bookingId) {
        return leases.findByBookingId(bookingId).map(AccessLease::toView);
    }

    /** The access leases of several bookings (the board, My bookings), by booking id. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'MANAGER', 'ADMIN')")
    public Map<UUID, AccessSummary> access(Collection<UUID> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Map.of();
        }
        return leases.findByBookingIdIn(bookingIds).stream()
                .collect(Collectors.toMap(AccessLease::bookingId, AccessLease::toView));
    }
}
