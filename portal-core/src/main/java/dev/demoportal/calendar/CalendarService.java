package dev.demoportal.calendar;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.NotFound;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingStatus;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.Mailer;
import dev.demoportal.sandbox.SandboxFilter;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calendar feeds: a person makes (and remakes) secret-token URLs for their own feed and for the
 * feeds of shared environments; a calendar client fetches them without a session. A feed shows what
 * its owner may see, read on their behalf: bookings 30 days back to 180 days ahead, and for the
 * personal feed the expiries of their sandboxes.
 */
@Service
@Transactional
public class CalendarService {

    static final Duration PAST = Duration.ofDays(30);
    static final Duration AHEAD = Duration.ofDays(180);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CalendarFeedRepository feeds;
    private final UserService users;
    private final EnvironmentService environments;
    private final BookingService bookings;
    private final SandboxService sandboxes;
    private final Mailer links;
    private final Clock clock;

    CalendarService(
            CalendarFeedRepository feeds,
            UserService users,
            EnvironmentService environments,
            BookingService bookings,
            SandboxService sandboxes,
            Mailer links,
            Clock clock) {
        this.feeds = feeds;
        this.users = users;
        this.environments = environments;
        this.bookings = bookings;
        this.sandboxes = sandboxes;
        this.links = links;
        this.clock = clock;
    }

    /** The signed-in person's feeds. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<CalendarFeedSummary> mine() {
        return feeds.of(me()).stream().map(this::view).toList();
    }

    /**
     * Makes the signed-in person's feed, of one environment or (null) their own, replacing the
     * earlier one of the same scope: its URL answers 404 from now on.
     */
    @PreAuthorize("isAuthenticated()")
    public CalendarFeedSummary.Created create(@Nullable String environmentSlug) {
        UUID me = me();
        UUID environmentId = null;
        if (environmentSlug != null) {
            UserAccount account = users.me();
            if (account.customer()) {
                throw new AccessDeniedException("Environment feeds are for staff");
            }
            environmentId = environments.environment(environmentSlug).id();
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        UUID id = UUID.randomUUID();
        feeds.replace(id, me, environmentId, hash(token), clock.instant());
        CalendarFeedSummary view = feeds.of(me).stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .map(this::view)
                .orElseThrow();
        return new CalendarFeedSummary.Created(view, links.link("calendar/" + token + ".ics"));
    }

    @PreAuthorize("isAuthenticated()")
    public void delete(UUID id) {
        if (!feeds.delete(id, me())) {
            throw new NotFound("calendar.not_found", "You have no calendar feed " + id + ".");
        }
    }

    /**
     * The feed behind {@code token} as iCalendar text; empty for a token that names no feed (the
     * caller answers 404, the same for a malformed one).
     */
    public Optional<String> ics(String token) {
        if (!token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Optional<CalendarFeedRepository.Feed> found = feeds.byTokenHash(hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CalendarFeedRepository.Feed feed = found.get();
        UserAccount owner = users.account(feed.userId()).orElse(null);
        if (owner == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        feeds.read(feed.id(), now);
        List<String> roles = owner.roles().stream().map(Role::name).toList();
        String ics = SystemTask.onBehalfOf(
                owner.id(),
                owner.displayName(),
                roles,
                () -> feed.environmentId() == null
                        ? IcsWriter.write("Demo Portal: " + owner.displayName(), personal(owner, now))
                        : environmentFeed(feed.environmentId(), now));
        return Optional.of(ics);
    }

    private List<CalendarEntry> personal(UserAccount owner, Instant now) {
        List<CalendarEntry> entries = new ArrayList<>();
        if (!owner.customer()) {
            bookings.calendar(null, now.minus(PAST), now.plus(AHEAD)).stream()
                    .map(b -> booking(b, now, false))
                    .forEach(entries::add);
        }
        for (SandboxStatus status : List.of(
                SandboxStatus.READY, SandboxStatus.TEARING_DOWN, SandboxStatus.TORN_DOWN, SandboxStatus.FAILED)) {
            sandboxes.sandboxes(SandboxFilter.status(status), 0, 500).stream()
                    .filter(s -> owner.customer() || s.requestedBy().id().equals(owner.id()))
                    .filter(s -> s.expiresAt() != null && s.expiresAt().isAfter(now.minus(PAST)))
                    .map(s -> expiry(s, now))
                    .forEach(entries::add);
        }
        entries.sort(Comparator.comparing(CalendarEntry::start));
        return entries;
    }

    private String environmentFeed(UUID environmentId, Instant now) {
        EnvironmentSummary environment = environments.environment(environmentId);
        List<CalendarEntry> entries = bookings.calendar(environment.id(), now.minus(PAST), now.plus(AHEAD)).stream()
                .map(b -> booking(b, now, true))
                .sorted(Comparator.comparing(CalendarEntry::start))
                .toList();
        return IcsWriter.write("Demo Portal: " + environment.name(), entries);
    }

    private CalendarEntry booking(BookingSummary b, Instant now, boolean withHolder) {
        boolean cancelled = b.status() == BookingStatus.CANCELLED;
        String summary = (withHolder ? b.holder().name() + " · " : "") + b.environmentName() + " slot " + b.slot()
                + (b.purpose().isBlank() ? "" : ": " + b.purpose());
        String description = b.environmentName() + ", slot " + b.slot() + ". Held by "
                + b.holder().name() + "."
                + (b.customer() == null ? "" : " Customer: " + b.customer() + ".") + " Status: "
                + b.status().label()
                + ".";
        return new CalendarEntry(
                "booking-" + b.id() + "@demoportal",
                b.version(),
                b.start(),
                b.end(),
                summary,
                description,
                links.link("environments/" + b.environmentSlug()),
                cancelled,
                now);
    }

    private CalendarEntry expiry(SandboxSummary s, Instant now) {
        Instant expiry = java.util.Objects.requireNonNull(s.expiresAt());
        // torn down or failed before its time: the expiry will not happen
        boolean cancelled = s.status() != SandboxStatus.READY
                && (s.tornDownAt() == null || s.tornDownAt().isBefore(expiry))
                && expiry.isAfter(now);
        return new CalendarEntry(
                "sandbox-" + s.id() + "-expiry@demoportal",
                s.version(),
                expiry,
                expiry.plus(Duration.ofMinutes(15)),
                "Sandbox " + s.name() + " expires",
                "Sandbox " + s.name() + " (" + s.organisation().name() + ", " + s.region() + ") expires and is torn "
                        + "down. Extend it in the portal before then if you still need it.",
                links.link("sandboxes/" + s.id()),
                cancelled,
                now);
    }

    private CalendarFeedSummary view(CalendarFeedRepository.Feed feed) {
        if (feed.environmentId() == null) {
            return new CalendarFeedSummary(feed.id(), null, null, feed.createdAt(), feed.lastReadAt());
        }
        EnvironmentSummary environment = environments.environment(feed.environmentId());
        return new CalendarFeedSummary(
                feed.id(), environment.slug(), environment.name(), feed.createdAt(), feed.lastReadAt());
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static UUID me() {
        return CurrentActor.userId().orElseThrow(() -> new AccessDeniedException("Feeds are for people"));
    }
}
