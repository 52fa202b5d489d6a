package dev.demoportal.booking.bench;

import dev.demoportal.DemoSignIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The booking calls of the REST API as one signed-in user ({@code frank}, with an access token from
 * local mode's sign-in provider, fetched again when the portal refuses it): what the load drivers
 * make bookings flow with.
 */
final class BookingApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final URI base;
    private final DemoSignIn signIn;
    private String token;

    BookingApi(HttpClient http, SessionsDriverBenchmark.Portal portal) {
        this.http = http;
        this.base = portal.base();
        String issuer = JSON.readTree(
                        DemoSignIn.get(http, portal.provider().resolve(".well-known/openid-configuration"))
                                .body())
                .get("issuer")
                .asString();
        this.signIn = new DemoSignIn(issuer);
        this.token = signIn.accessToken("frank");
    }

    /** The slugs of the environments the API lists. */
    List<String> environments() throws IOException, InterruptedException {
        HttpResponse<String> answer = send("GET", "api/v1/environments", null);
        List<String> slugs = new ArrayList<>();
        JSON.readTree(answer.body())
                .forEach(environment -> slugs.add(environment.get("slug").asString()));
        return slugs;
    }

    /** Claims a slot of {@code environment} now ({@code POST …/claim}); the answer as it came (201, or 409 when full). */
    HttpResponse<String> claim(String environment, Duration duration, String purpose)
            throws IOException, InterruptedException {
        return send(
                "POST",
                "api/v1/environments/" + environment + "/claim",
                "{\"duration\":\"" + duration + "\",\"purpose\":" + JSON.writeValueAsString(purpose) + "}");
    }

    /** Books any free slot of {@code environment} for [start, end) ({@code POST /bookings}). */
    HttpResponse<String> book(String environment, Instant start, Instant end, String purpose)
            throws IOException, InterruptedException {
        return send(
                "POST",
                "api/v1/bookings",
                "{\"environment\":%s,\"start\":\"%s\",\"end\":\"%s\",\"purpose\":%s}"
                        .formatted(JSON.writeValueAsString(environment), start, end, JSON.writeValueAsString(purpose)));
    }

    HttpResponse<String> release(String bookingId) throws IOException, InterruptedException {
        return send("POST", "api/v1/bookings/" + bookingId + "/release", "{}");
    }

    HttpResponse<String> cancel(String bookingId) throws IOException, InterruptedException {
        return send("DELETE", "api/v1/bookings/" + bookingId, null);
    }

    /** The booking's id from a created booking's answer. */
    static String id(HttpResponse<String> created) {
        JsonNode booking = JSON.readTree(created.body());
        return booking.get("id").asString();
    }

    private HttpResponse<String> send(String method, String path, @Nullable String body)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = sendOnce(method, path, body);
        if (answer.statusCode() == 401) {
            // the access token expired: sign in again, as a script with a refresh would
            token = signIn.accessToken("frank");
            answer = sendOnce(method, path, body);
        }
        return answer;
    }

    private HttpResponse<String> sendOnce(String method, String path, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .timeout(TIMEOUT);
        if (!method.equals("GET")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
