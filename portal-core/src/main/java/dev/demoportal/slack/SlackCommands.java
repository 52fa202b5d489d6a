package dev.demoportal.slack;

import dev.demoportal.base.DomainException;
import dev.demoportal.base.SystemTask;
import dev.demoportal.booking.BoardEntry;
import dev.demoportal.booking.BoardService;
import dev.demoportal.booking.BookingRequest;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingStatus;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.environment.EnvironmentFilter;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.EnvironmentSummary;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.notification.SlackBlocks;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The {@code /demo} slash command and the buttons on Slack messages. Each runs as the portal user
 * whose e-mail address is the Slack user's verified one, with that user's roles, through the same
 * services as the UI; the audit trail names the person "via Slack". Customers and people the portal
 * does not know get a polite refusal. Answers are Slack mrkdwn; moments are Slack date tokens, which
 * Slack shows in each reader's own time zone.
 */
@Service
public class SlackCommands {

    private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);
    static final Duration DEFAULT_CLAIM = Duration.ofHours(2);
    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,3})d)?(?:(\\d{1,3})h)?(?:(\\d{1,4})m(?:in)?)?");
    static final String PURPOSE = "Claimed from Slack";

    /** A button's action ids, as the interaction endpoint receives them (the buttons are made in {@link SlackBlocks}). */
    public static final String RELEASE = SlackBlocks.RELEASE;

    public static final String EXTEND = SlackBlocks.EXTEND;
    public static final String APPROVE = SlackBlocks.APPROVE;
    public static final String REJECT = SlackBlocks.REJECT;

    /**
     * What a button press did: {@code done} when it acted (the message's buttons are then replaced
     * by the outcome, so nobody presses them twice), otherwise why not (answered to the presser only).
     */
    public record Outcome(String text, boolean done) {}

    private final SlackWebApi api;
    private final UserService users;
    private final BookingService bookings;
    private final BoardService board;
    private final EnvironmentService environments;
    private final SandboxRequestService approvals;
    private final Clock clock;

    SlackCommands(
            SlackWebApi api,
            UserService users,
            BookingService bookings,
            BoardService board,
            EnvironmentService environments,
            SandboxRequestService approvals,
            Clock clock) {
        this.api = api;
        this.users = users;
        this.bookings = bookings;
        this.board = board;
        this.environments = environments;
        this.approvals = approvals;
        this.clock = clock;
    }

    /** Answers {@code /demo <text>} from the Slack user {@code slackUserId}. */
    public String command(String slackUserId, String text) {
        String[] words = text == null ? new String[0] : text.strip().split("\\s+");
        String verb = words.length == 0 || words[0].isEmpty() ? "help" : words[0].toLowerCase(Locale.ROOT);
        if (verb.equals("help")) {
            return help();
        }
        return asPortalUser(slackUserId, () -> switch (verb) {
            case "who" -> who();
            case "claim" -> claim(words);
            case "release" -> release(words);
            case "book" -> book(words);
            case "next" -> next(words);
            default -> "I don't know `" + words[0] + "`.\n" + help();
        });
    }

    /** Answers a button press: {@code action} one of the action ids above, {@code value} the thing's id. */
    public Outcome interaction(String slackUserId, String action, String value) {
        if (action.equals(SlackBlocks.OPEN)) {
            return new Outcome("", false); // a link: Slack opened it, nothing to do here
        }
        boolean[] done = {false};
        String text = asPortalUser(slackUserId, () -> {
            UUID id = uuid(value);
            return switch (action) {
                case RELEASE -> {
                    BookingSummary b = bookings.release(id);
                    done[0] = true;
                    yield "Released slot " + b.slot() + " of " + b.environmentName() + ".";
                }
                case EXTEND -> {
                    BookingSummary current = bookings.booking(id);
                    BookingSummary b = bookings.extend(id, current.end().plus(Duration.ofHours(1)));
                    done[0] = true;
                    yield "Extended: " + b.environmentName() + " slot " + b.slot() + " is yours until " + date(b.end())
                            + ".";
                }
                case APPROVE -> {
                    SandboxSummary s = approvals.approve(id, "Approved from Slack");
                    done[0] = true;
                    yield "Approved sandbox request *" + s.name() + "*.";
                }
                case REJECT -> {
                    SandboxSummary s = approvals.reject(id, "Rejected from Slack");
                    done[0] = true;
                    yield "Rejected sandbox request *" + s.name() + "*.";
                }
                default -> "This button does nothing any more.";
            };
        });
        return new Outcome(text, done[0]);
    }

    /**
     * Sends the answer to a button press to Slack (its response URL): a press that acted replaces the
     * message (its buttons give way to the outcome), one that did not is answered to the presser
     * only. Failures are logged, not thrown.
     */
    public void respond(String responseUrl, Outcome outcome) {
        try {
            api.respond(responseUrl, outcome.text(), outcome.done());
        } catch (SlackWebApi.Failed e) {
            log.warn("Slack response to a button press not sent: {}", e.getMessage());
        }
    }

    static String help() {
        return """
                *`/demo` commands* (only you see the answers)
                • `/demo who` — who holds what, per region
                • `/demo claim <environment> [2h]` — claim a free slot now (2 hours unless you say)
                • `/demo release [<environment>]` — release what you hold (there, or everywhere)
                • `/demo book <environment> <start> <duration>` — book ahead; start as `14:00`, `2026-12-07T09:00` \
                (the environment's region time)
                • `/demo next <duration>` — the earliest free slot of that length, anywhere
                Environments by their short name, such as `emea-demo-1`.""";
    }

    private String asPortalUser(String slackUserId, Supplier<String> work) {
        Optional<UserAccount> account;
        try {
            account = api.verifiedEmail(slackUserId).flatMap(users::byEmail);
        } catch (SlackWebApi.Failed e) {
            log.warn("Slack users.info for a /demo request failed: {}", e.getMessage());
            return "Sorry, I could not ask Slack who you are just now. Please try again in a minute.";
        }
        if (account.isEmpty()) {
            return "Sorry, I don't know you: the Demo Portal has no user with your Slack e-mail address. "
                    + "Sign in to the portal once with the same address, then try again.";
        }
        UserAccount user = account.get();
        if (user.customer() || user.roles().stream().noneMatch(Role::internal)) {
            return "Sorry, `/demo` is for the demo team. Please use the Demo Portal in your browser.";
        }
        List<String> roles = user.roles().stream().map(Role::name).toList();
        try {
            return SystemTask.onBehalfOf(user.id(), user.displayName() + " via Slack", roles, work);
        } catch (DomainException e) {
            return "That didn't work: " + e.text().render(SlackCommands::date);
        } catch (AccessDeniedException e) {
            return "Sorry, you may not do that.";
        } catch (Unusable e) {
            return e.getMessage();
        }
    }

    /** Bad command input, answered as is. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }

    private String who() {
        Map<String, List<String>> byRegion = new LinkedHashMap<>();
        for (BoardEntry entry : board.board()) {
            byRegion.computeIfAbsent(entry.environment().region().name(), r -> new ArrayList<>())
                    .add(SlackTopicSync.line(entry));
        }
        if (byRegion.isEmpty()) {
            return "There are no environments.";
        }
        StringBuilder out = new StringBuilder();
        byRegion.forEach((region, lines) -> {
            out.append('*').append(region).append("*\n");
            lines.forEach(l -> out.append("• ").append(l).append('\n'));
        });
        out.append("_Times in each region's own time._");
        return out.toString();
    }

    private String claim(String[] words) {
        if (words.length < 2 || words.length > 3) {
            throw new Unusable("Say which environment: `/demo claim <environment> [2h]`");
        }
        Duration duration = words.length == 3 ? duration(words[2]) : DEFAULT_CLAIM;
        BookingSummary b = bookings.claim(words[1].toLowerCase(Locale.ROOT), duration, PURPOSE, null);
        return "You hold *" + b.environmentName() + "* slot " + b.slot() + " until " + date(b.end()) + ".";
    }

    private String release(String[] words) {
        Instant now = clock.instant();
        String slug = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : null;
        List<BookingSummary> held = bookings.mine().stream()
                .filter(b -> b.status() == BookingStatus.ACTIVE
                        || (b.status() == BookingStatus.RESERVED && !b.start().isAfter(now)))
                .filter(b -> slug == null || b.environmentSlug().equals(slug))
                .toList();
        if (held.isEmpty()) {
            return slug == null ? "You hold nothing right now." : "You hold nothing in `" + slug + "` right now.";
        }
        List<String> released = new ArrayList<>();
        for (BookingSummary b : held) {
            bookings.release(b.id());
            released.add(b.environmentName() + " slot " + b.slot());
        }
        return "Released " + String.join(", ", released) + ".";
    }

    private String book(String[] words) {
        if (words.length != 4) {
            throw new Unusable("Say where, when and how long: `/demo book <environment> <start> <duration>`, "
                    + "for example `/demo book emea-demo-1 14:00 2h`");
        }
        String slug = words[1].toLowerCase(Locale.ROOT);
        EnvironmentSummary environment = environments.environment(slug);
        Instant start = start(words[2], ZoneId.of(environment.region().timeZone()));
        Duration duration = duration(words[3]);
        BookingSummary b = bookings.book(new BookingRequest(slug, start, start.plus(duration), PURPOSE, null));
        return "Booked *" + b.environmentName() + "* slot " + b.slot() + " from " + date(b.start()) + " to "
                + date(b.end()) + ".";
    }

    private String next(String[] words) {
        if (words.length != 2) {
            throw new Unusable("Say how long: `/demo next 2h`");
        }
        Duration duration = duration(words[1]);
        Instant now = clock.instant();
        EnvironmentSummary best = null;
        Instant bestStart = null;
        for (EnvironmentSummary e : environments.allEnvironments(EnvironmentFilter.ACTIVE)) {
            if (!e.bookable()) {
                continue;
            }
            Optional<Instant> start;
            try {
                start = bookings.nextFree(e.slug(), now, duration);
            } catch (DomainException ignored) {
                continue; // longer than this environment allows
            }
            if (start.isPresent() && (bestStart == null || start.get().isBefore(bestStart))) {
                best = e;
                bestStart = start.get();
            }
        }
        if (best == null) {
            return "No environment has a free slot for " + words[1] + " in the time you may book ahead.";
        }
        String when = bestStart.isAfter(now.plusSeconds(60)) ? "from " + date(bestStart) : "now";
        return "Earliest: *" + best.name() + "* (" + best.region().name() + ") " + when + ". Book it with `/demo "
                + (when.equals("now")
                        ? "claim " + best.slug() + " " + words[1]
                        : "book " + best.slug() + " " + bestStart + " " + words[1])
                + "`";
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (text.isEmpty() || !m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
            throw new Unusable("`" + text + "` is not a duration: say `2h`, `90m` or `1h30m`.");
        }
        Duration d = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusHours(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                .plusMinutes(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
        if (d.isZero()) {
            throw new Unusable("A duration of nothing books nothing.");
        }
        return d;
    }

    /** {@code 14:00} (today, or tomorrow once passed), {@code 2026-12-07T09:00} in {@code zone}, or an ISO instant. */
    Instant start(String text, ZoneId zone) {
        try {
            if (text.matches("\\d{1,2}:\\d{2}")) {
                LocalTime time = LocalTime.parse(text.length() == 4 ? "0" + text : text);
                Instant today = clock.instant()
                        .atZone(zone)
                        .toLocalDate()
                        .atTime(time)
                        .atZone(zone)
                        .toInstant();
                return today.isBefore(clock.instant()) ? today.plus(Duration.ofDays(1)) : today;
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new Unusable("`" + text + "` is not a start: say `14:00` or `2026-12-07T09:00`.");
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new Unusable("This button is broken.");
        }
    }

    /** A Slack date token: each reader sees it in their own time zone; the fallback is UTC ISO-8601. */
    static String date(Instant at) {
        return SlackBlocks.date(at);
    }
}
