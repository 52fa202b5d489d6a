package dev.demoportal.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Posts one webhook delivery, signed ({@link WebhookSignature}), with connect and response timeouts
 * ({@code portal.outbox.http-timeout}). Redirects are not followed: the registered URL is the one
 * that receives the body. A 2xx answer is delivered; 4xx other than 408 and 429 is a refusal that
 * retrying will not change; anything else is tried again.
 */
@Component
class WebhookDelivery {

    private final HttpClient http;
    private final OutboxProperties properties;
    private final Clock clock;

    WebhookDelivery(OutboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Attempt post(UUID deliveryId, String type, String url, String secret, String body) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.httpTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "DemoPortal-Webhooks/1")
                    .header(WebhookSignature.DELIVERY_HEADER, deliveryId.toString())
                    .header(WebhookSignature.TYPE_HEADER, type)
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return Attempt.refused("Not a usable URL: " + e.getMessage());
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Attempt.ok();
            }
            String error = "HTTP " + status + " from the receiver";
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            return permanent ? Attempt.refused(error) : Attempt.retry(error);
        } catch (HttpTimeoutException e) {
            return Attempt.retry("No answer within " + properties.httpTimeout().toSeconds() + " s");
        } catch (IOException e) {
            return Attempt.retry("Could not reach the receiver: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retry("Interrupted while delivering");
        }
    }
}
