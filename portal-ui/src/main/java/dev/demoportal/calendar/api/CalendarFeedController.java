package dev.demoportal.calendar.api;

import dev.demoportal.calendar.CalendarService;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a calendar feed to calendar clients, which send no session: the secret token in the path
 * is the only credential (SecurityConfiguration lets {@code /calendar/**} through). An unknown or
 * regenerated token answers 404, the same as a malformed one.
 */
@RestController
class CalendarFeedController {

    static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final CalendarService calendars;

    CalendarFeedController(CalendarService calendars) {
        this.calendars = calendars;
    }

    @GetMapping("/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        return calendars
                .ics(token)
                .map(ics -> ResponseEntity.ok()
                        .contentType(CALENDAR)
                        .cacheControl(CacheControl.noStore())
                        .header("X-Robots-Tag", "noindex")
                        .body(ics))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
