package dev.demoportal.booking.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.booking.AccessLeaseService;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.WaitlistPlace;
import dev.demoportal.booking.WaitlistService;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class BookingController {

    record NewBooking(
            @Nullable String environment,
            @Nullable Instant start,
            @Nullable Instant end,
            @Nullable String purpose,
            @Nullable String customer) {}

    record Claim(
            @Nullable Duration duration,
            @Nullable String purpose,
            @Nullable String customer,
            @Nullable Integer slot) {}

    record Extension(@Nullable Instant until) {}

    record ForceRelease(@Nullable String reason) {}

    record JoinWaitlist(
            @Nullable Instant from,
            @Nullable Instant until,
            @Nullable Duration duration,
            @Nullable String purpose) {}

    record WaitlistJson(
            UUID id, int position, String person, Instant from, Instant until, Duration duration, String purpose) {
        static WaitlistJson of(WaitlistPlace w) {
            return new WaitlistJson(
                    w.id(), w.position(), w.person().name(), w.windowStart(), w.windowEnd(), w.length(), w.purpose());
        }
    }

    private final BookingService bookings;
    private final WaitlistService waitlist;
    private final AccessLeaseService access;
    private final Clock clock;

    BookingController(BookingService bookings, WaitlistService waitlist, AccessLeaseService access, Clock clock) {
        this.bookings = bookings;
        this.waitlist = waitlist;
        this.access = access;
        this.clock = clock;
    }

    @ApiProblem({"validation.failed", "environment.not_found"})
    @GetMapping("/environments/{slug}/bookings")
    @Operation(summary = "Bookings holding a slot at some point in [from, to) (default: the next 7 days)")
    ResponseEntity<List<BookingJson>> bookings(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to) {
        Instant start = from != null ? from : clock.instant().minus(Duration.ofHours(1));
        Instant end = to != null ? to : start.plus(Duration.ofDays(7));
        return Pages.of(
                bookings.bookings(slug, start, end).stream()
                        .map(BookingJson::of)
                        .toList(),
                offset,
                limit);
    }

    @ApiProblem({"validation.failed", "environment.not_found", "slot_unavailable"})
    @PostMapping("/bookings")
    @Operation(summary = "Book any free slot of an environment; 409 slot_unavailable with nextFreeAt when full")
    ResponseEntity<BookingJson> book(@RequestBody NewBooking body) {
        if (body.start() == null || body.end() == null) {
            throw ValidationFailed.of(
                    body.start() == null ? "start" : "end", "Give start and end as ISO-8601 instants");
        }
        BookingSummary booking = bookings.book(new BookingRequest(
                nonNull(body.environment()), body.start(), body.end(), nonNull(body.purpose()), body.customer()));
        return created(booking);
    }

    @ApiProblem({"validation.failed", "environment.not_found", "slot_unavailable", "slot_taken"})
    @PostMapping("/environments/{slug}/claim")
    @Operation(
            summary = "Claim a slot now for a duration (ISO-8601, e.g. PT2H): `slot` if given (409 slot_taken "
                    + "with freeSlot if it is held), else any free one")
    ResponseEntity<BookingJson> claim(@PathVariable String slug, @RequestBody Claim body) {
        if (body.duration() == null) {
            throw ValidationFailed.of("duration", "Give the duration as ISO-8601, e.g. PT2H");
        }
        return created(bookings.claim(slug, body.slot(), body.duration(), nonNull(body.purpose()), body.customer()));
    }

    @ApiProblem("booking.not_found")
    @GetMapping("/bookings/{id}")
    @Operation(summary = "One booking, with its access lease (status, grantedAt, revokeDueAt, revokedAt)")
    BookingJson booking(@PathVariable UUID id) {
        return BookingJson.of(bookings.booking(id), access.access(id).orElse(null));
    }

    @ApiProblem({"booking.not_found", "booking.not_started", "booking.ended", "booking.changed"})
    @PostMapping("/bookings/{id}/release")
    @Operation(summary = "End an active booking now; the slot is free at once")
    BookingJson release(@PathVariable UUID id) {
        return BookingJson.of(bookings.release(id));
    }

    @ApiProblem({"validation.failed", "booking.not_found", "booking.ended", "booking.changed", "slot_unavailable"})
    @PostMapping("/bookings/{id}/extend")
    @Operation(summary = "Move the end of a booking if the slot stays free")
    BookingJson extend(@PathVariable UUID id, @RequestBody Extension body) {
        if (body.until() == null) {
            throw ValidationFailed.of("until", "Give the new end as an ISO-8601 instant");
        }
        return BookingJson.of(bookings.extend(id, body.until()));
    }

    @ApiProblem({"booking.not_found", "booking.already_started", "booking.ended", "booking.changed"})
    @DeleteMapping("/bookings/{id}")
    @Operation(summary = "Cancel a booking that has not started")
    BookingJson cancel(@PathVariable UUID id) {
        return BookingJson.of(bookings.cancel(id));
    }

    @ApiProblem({"booking.not_found", "booking.not_started", "booking.ended", "booking.changed"})
    @PostMapping("/bookings/{id}/check-in")
    @Operation(summary = "Confirm you are using it (prevents release as a no-show)")
    BookingJson checkIn(@PathVariable UUID id) {
        return BookingJson.of(bookings.checkIn(id));
    }

    @ApiProblem({"validation.failed", "booking.not_found", "booking.not_started", "booking.ended", "booking.changed"})
    @PostMapping("/bookings/{id}/force-release")
    @Operation(summary = "Managers and admins: end someone's booking, saying why")
    BookingJson forceRelease(@PathVariable UUID id, @RequestBody ForceRelease body) {
        return BookingJson.of(bookings.forceRelease(id, nonNull(body.reason())));
    }

    @ApiProblem({"validation.failed", "environment.not_found"})
    @GetMapping("/environments/{slug}/waitlist")
    ResponseEntity<List<WaitlistJson>> waitlist(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Pages.of(waitlist.waitlist(slug).stream().map(WaitlistJson::of).toList(), offset, limit);
    }

    @ApiProblem({"validation.failed", "environment.not_found", "waitlist.slot_free", "waitlist.already_waiting"})
    @PostMapping("/environments/{slug}/waitlist")
    @Operation(summary = "Queue for a full environment: a slot of `duration` within [from, until)")
    ResponseEntity<WaitlistJson> joinWaitlist(@PathVariable String slug, @RequestBody JoinWaitlist body) {
        if (body.from() == null || body.until() == null || body.duration() == null) {
            throw ValidationFailed.of(
                    body.from() == null ? "from" : body.until() == null ? "until" : "duration",
                    "Give from and until (ISO-8601 instants) and duration (ISO-8601, e.g. PT2H)");
        }
        WaitlistPlace entry =
                waitlist.joinWaitlist(slug, body.from(), body.until(), body.duration(), nonNull(body.purpose()));
        return ResponseEntity.created(URI.create("/api/v1/environments/" + slug + "/waitlist"))
                .body(WaitlistJson.of(entry));
    }

    @ApiProblem({"waitlist.not_found", "waitlist.changed"})
    @DeleteMapping("/waitlist/{id}")
    ResponseEntity<Void> leaveWaitlist(@PathVariable UUID id) {
        waitlist.leaveWaitlist(id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<BookingJson> created(BookingSummary booking) {
        return ResponseEntity.created(URI.create("/api/v1/bookings/" + booking.id()))
                .body(BookingJson.of(booking));
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }
}
