package dev.demoportal.provisioning.worker.kubernetes;

import dev.demoportal.provisioning.SandboxPlaceholders;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import dev.demoportal.provisioning.StepResult;
import dev.demoportal.provisioning.TemplateContents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Asks the access URL at the template's probe path before the sandbox is ready. One GET per
 * attempt, with a timeout; anything but 2xx or 3xx is a transient failure, so the runner retries
 * with backoff (its retry budget is the probe's) and the sandbox is READY only once it answers.
 */
final class ReadinessProbe {

    private final HttpClient http;
    private final Duration timeout;

    ReadinessProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    StepResult probe(StepContext context) {
        String path = TemplateContents.of(context.spec().parameters()).probePath();
        if (path == null) {
            context.log().accept("the template declares no readiness probe");
            return StepResult.of(Map.of("probe", ""));
        }
        String base = context.outputs().get("accessUrl");
        if (base == null || base.isBlank()) {
            throw StepFailure.permanent("no access URL to probe: the global layer gave none", null);
        }
        URI uri = URI.create(
                base.replaceAll("/+$", "") + SandboxPlaceholders.fill(path, context.spec(), context.outputs()));
        int status;
        try {
            status = http.send(
                            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw StepFailure.transientFailure("readiness probe " + uri + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.transientFailure("interrupted", e);
        }
        if (status >= 400) {
            throw StepFailure.transientFailure("readiness probe " + uri + " answered " + status, null);
        }
        context.log().accept("readiness probe " + uri + " answered " + status);
        return StepResult.of(Map.of("probe", uri + " " + status));
    }
}
