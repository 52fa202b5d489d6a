package dev.demoportal.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** {@code demo claim}, {@code demo release}, {@code demo book}. */
final class BookingCommands {

    private static final Set<String> ENDED = Set.of("EXPIRED", "RELEASED", "CANCELLED", "NO_SHOW");

    private BookingCommands() {}

    @Command(
            name = "claim",
            mixinStandardHelpOptions = true,
            description = "Claim a slot of an environment from now on (checked in at once).")
    static final class Claim extends DemoCommand {

        @Parameters(index = "0", paramLabel = "<env>", description = "The environment's slug, e.g. emea-demo-1.")
        String environment = "";

        @Option(
                names = "--for",
                paramLabel = "DURATION",
                description = "How long: 2h, 90m, 1h30m, 1d or ISO-8601 (default: ${DEFAULT-VALUE}).",
                defaultValue = "2h")
        String length = "2h";

        @Option(
                names = "--purpose",
                description = "What for (default: ${DEFAULT-VALUE}).",
                defaultValue = "claimed with the demo CLI")
        String purpose = "claimed with the demo CLI";

        @Option(names = "--customer", description = "The customer it is for, if any.")
        @Nullable
        String customer;

        @Option(names = "--slot", description = "This slot only (else any free one).")
        @Nullable
        Integer slot;

        @Override
        int execute() {
            Duration duration = Times.duration(length);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("duration", duration.toString());
            body.put("purpose", purpose);
            body.put("customer", customer);
            body.put("slot", slot);
            JsonNode booking = api().post("api/v1/environments/" + Api.encode(environment) + "/claim", body);
            if (json()) {
                printJson(booking);
            } else {
                ctx().out().println("Claimed " + describe(booking, ctx()) + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "release",
            mixinStandardHelpOptions = true,
            description = {
                "Release what you hold now: on <env>, or on every environment if none is named.",
                "Exit code 1 if you hold nothing there."
            })
    static final class Release extends DemoCommand {

        @Parameters(index = "0", arity = "0..1", paramLabel = "<env>", description = "The environment's slug.")
        @Nullable
        String environment;

        @Option(names = "--booking", paramLabel = "ID", description = "Release this booking (its id) instead.")
        @Nullable
        String booking;

        @Override
        int execute() {
            Api api = api();
            List<String> ids = new ArrayList<>();
            if (booking != null) {
                ids.add(booking);
            } else {
                ids.addAll(heldNow(api));
            }
            if (ids.isEmpty()) {
                throw new CliFailure(
                        ExitCodes.FAILED,
                        "you hold nothing " + (environment != null ? "on " + environment : "on any environment")
                                + " now");
            }
            ArrayNode released = Api.JSON.createArrayNode();
            for (String id : ids) {
                JsonNode answer = api.post("api/v1/bookings/" + Api.encode(id) + "/release", Map.of());
                released.add(answer);
                if (!json()) {
                    ctx().out().println("Released " + describe(answer, ctx()) + ".");
                }
            }
            if (json()) {
                printJson(released);
            }
            return ExitCodes.OK;
        }

        /** The caller's bookings holding a slot right now, on the environment given or on all. */
        private List<String> heldNow(Api api) {
            JsonNode me = api.get("api/v1/me");
            List<String> environments = new ArrayList<>();
            if (environment != null) {
                environments.add(environment);
            } else {
                api.get("api/v1/environments?limit=500").forEach(e -> environments.add(text(e, "slug")));
            }
            Instant now = ctx().clock().instant();
            String window = Api.query(
                    Map.of("from", now.toString(), "to", now.plusSeconds(1).toString(), "limit", "500"));
            List<String> ids = new ArrayList<>();
            for (String slug : environments) {
                for (JsonNode b : api.get("api/v1/environments/" + Api.encode(slug) + "/bookings?" + window)) {
                    if (mine(b.path("holder"), me)
                            && !ENDED.contains(text(b, "status"))
                            && !Instant.parse(text(b, "start")).isAfter(now)) {
                        ids.add(text(b, "id"));
                    }
                }
            }
            return ids;
        }

        private static boolean mine(JsonNode holder, JsonNode me) {
            String email = text(me, "email");
            return email.isEmpty()
                    ? text(holder, "email").isEmpty() && text(holder, "name").equals(text(me, "name"))
                    : email.equalsIgnoreCase(text(holder, "email"));
        }
    }

    @Command(
            name = "book",
            mixinStandardHelpOptions = true,
            description = "Book a slot of an environment ahead: from <start> for <duration>.")
    static final class Book extends DemoCommand {

        @Parameters(index = "0", paramLabel = "<env>", description = "The environment's slug, e.g. emea-demo-1.")
        String environment = "";

        @Parameters(
                index = "1",
                paramLabel = "<start>",
                description = "2026-12-07T09:00 (your time zone), 2026-12-07T09:00+01:00 or 2026-12-07T08:00:00Z.")
        String start = "";

        @Parameters(index = "2", paramLabel = "<duration>", description = "2h, 90m, 1h30m, 1d or ISO-8601.")
        String length = "";

        @Option(
                names = "--purpose",
                description = "What for (default: ${DEFAULT-VALUE}).",
                defaultValue = "booked with the demo CLI")
        String purpose = "booked with the demo CLI";

        @Option(names = "--customer", description = "The customer it is for, if any.")
        @Nullable
        String customer;

        @Override
        int execute() {
            Instant from = Times.instant(start, ctx().zone());
            Duration duration = Times.duration(length);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("environment", environment);
            body.put("start", from.toString());
            body.put("end", from.plus(duration).toString());
            body.put("purpose", purpose);
            body.put("customer", customer);
            JsonNode booking = api().post("api/v1/bookings", body);
            if (json()) {
                printJson(booking);
            } else {
                ctx().out().println("Booked " + describe(booking, ctx()) + ".");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code emea-demo-1 slot 2, 2026-12-07 09:00 to 11:00 UTC (booking 1a2b...)}. */
    static String describe(JsonNode booking, CliContext ctx) {
        Instant start = Instant.parse(text(booking, "start"));
        Instant end = Instant.parse(text(booking, "end"));
        return text(booking, "environment") + " slot " + text(booking, "slot") + ", "
                + Times.show(start, ctx.zone()) + " to " + Times.show(end, ctx.zone())
                + " (" + Times.show(Duration.between(start, end)) + ", booking " + text(booking, "id") + ")";
    }

    static String text(JsonNode node, String field) {
        return DemoCommand.text(node, field);
    }
}
