package dev.demoportal.booking.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.booking.FreeSlot;
import dev.demoportal.booking.SlotFinderService;
import dev.demoportal.booking.SlotSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The follow-the-sun slot finder for pipelines and scripts. */
@RestController
@RequestMapping("/api/v1/slots")
class SlotFinderController {

    /** A free slot; field names are part of the stable API. {@code book} is the body for POST /api/v1/bookings. */
    record FreeSlotJson(
            String environment,
            String environmentName,
            String region,
            String regionName,
            String regionTimeZone,
            int slot,
            Instant start,
            Instant end,
            Duration distance,
            Book book) {

        record Book(String environment, Instant start, Instant end) {}

        static FreeSlotJson of(FreeSlot f) {
            return new FreeSlotJson(
                    f.environment().slug(),
                    f.environment().name(),
                    f.environment().region().code(),
                    f.environment().region().name(),
                    f.environment().region().timeZone(),
                    f.slot(),
                    f.start(),
                    f.end(),
                    f.distance(),
                    new Book(f.environment().slug(), f.start(), f.end()));
        }
    }

    private final SlotFinderService finder;
    private final Clock clock;

    SlotFinderController(SlotFinderService finder, Clock clock) {
        this.finder = finder;
        this.clock = clock;
    }

    @ApiProblem("validation.failed")
    @GetMapping("/free")
    @Operation(
            summary = "The earliest free slot of each environment, ranked by how close its region's clock is "
                    + "to the customer's time zone, then by start")
    List<FreeSlotJson> free(
            @Parameter(description = "how long, ISO-8601 (PT2H)") @RequestParam(required = false) @Nullable
                    String duration,
            @Parameter(
                            description = "window start: an instant (2026-03-02T09:00:00Z) or a local time in tz "
                                    + "(2026-03-02T09:00); default now")
                    @RequestParam(required = false)
                    @Nullable
                    String from,
            @Parameter(description = "window end, as from; default from + 7 days")
                    @RequestParam(required = false)
                    @Nullable
                    String to,
            @Parameter(description = "the customer's time zone (IANA, e.g. Asia/Tokyo)")
                    @RequestParam(required = false)
                    @Nullable
                    String tz,
            @Parameter(description = "acceptable region codes, comma-separated (default: all)")
                    @RequestParam(required = false)
                    @Nullable
                    String regions,
            @Parameter(description = "at most this many answers (1 to 50, default 10)")
                    @RequestParam(defaultValue = "" + SlotSearch.DEFAULT_LIMIT)
                    int limit) {
        ZoneId zone = zone(tz);
        Duration length = duration(duration);
        Instant start = from == null || from.isBlank() ? clock.instant() : instant("from", from, zone);
        Instant end = to == null || to.isBlank() ? start.plus(Duration.ofDays(7)) : instant("to", to, zone);
        Set<String> accepted = regions == null
                ? Set.of()
                : Arrays.stream(regions.split(","))
                        .map(String::strip)
                        .filter(r -> !r.isEmpty())
                        .collect(Collectors.toSet());
        return finder
                .find(new SlotSearch(length, start, end, tz == null || tz.isBlank() ? null : zone, accepted, limit))
                .stream()
                .map(FreeSlotJson::of)
                .toList();
    }

    private static Duration duration(@Nullable String text) {
        try {
            if (text != null && !text.isBlank()) {
                return Duration.parse(text.strip());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ValidationFailed.of("duration", "Give the duration as ISO-8601, e.g. PT2H");
    }

    private static ZoneId zone(@Nullable String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw ValidationFailed.of("tz", "Not a known time zone; use an IANA name such as Asia/Tokyo");
        }
    }

    /** An instant, or a local date-time read in {@code zone} (so a window can follow the customer's clock). */
    static Instant instant(String field, String text, ZoneId zone) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw ValidationFailed.of(
                        field,
                        "Give an ISO-8601 time, e.g. 2026-03-02T09:00:00Z, or a local "
                                + "time such as 2026-03-02T09:00 read in tz");
            }
        }
    }
}
