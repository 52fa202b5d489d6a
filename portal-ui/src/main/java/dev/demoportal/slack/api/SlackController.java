package dev.demoportal.slack.api;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.demoportal.slack.SlackCommands;
import dev.demoportal.slack.SlackSignatures;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slack's requests: the {@code /demo} slash command and button presses. The raw body is read and
 * its signature checked before anything else looks at it; a request that is not Slack's, or is older
 * than five minutes, gets 401 and changes nothing. Answers are ephemeral (only the asker sees them).
 */
@RestController
class SlackController {

    private static final Logger log = LoggerFactory.getLogger(SlackController.class);
    private static final int MAX_BODY = 64 * 1024;

    private final SlackSignatures signatures;
    private final SlackCommands commands;

    SlackController(SlackSignatures signatures, SlackCommands commands) {
        this.signatures = signatures;
        this.commands = commands;
    }

    @PostMapping(path = "/integrations/slack/commands", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> command(HttpServletRequest request) throws IOException {
        String body = body(request);
        if (body == null) {
            return refused();
        }
        Map<String, String> form = form(body);
        String user = form.getOrDefault("user_id", "");
        String text = form.getOrDefault("text", "");
        log.info(
                "Slack /demo {} from {}", text.isBlank() ? "help" : text.strip().split("\\s+")[0], user);
        return ephemeral(commands.command(user, text));
    }

    @PostMapping(path = "/integrations/slack/interactions", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> interaction(HttpServletRequest request) throws IOException {
        String body = body(request);
        if (body == null) {
            return refused();
        }
        String payload = form(body).get("payload");
        if (payload == null) {
            return ResponseEntity.badRequest().build();
        }
        JsonObject json;
        try {
            json = JsonParser.parseString(payload).getAsJsonObject();
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().build();
        }
        String user = json.has("user") ? json.getAsJsonObject("user").get("id").getAsString() : "";
        var actions = json.getAsJsonArray("actions");
        if (actions == null || actions.isEmpty()) {
            return ResponseEntity.ok().build();
        }
        JsonObject action = actions.get(0).getAsJsonObject();
        String actionId = action.has("action_id") ? action.get("action_id").getAsString() : "";
        String value = action.has("value") ? action.get("value").getAsString() : "";
        log.info("Slack button {} from {}", actionId, user);
        SlackCommands.Outcome outcome = commands.interaction(user, actionId, value);
        if (outcome.text().isEmpty()) {
            return ResponseEntity.ok().build();
        }
        if (json.has("response_url")) {
            commands.respond(json.get("response_url").getAsString(), outcome);
        }
        return ephemeral(outcome.text());
    }

    /** The raw body if its signature checks out; null otherwise (and for bodies too large to be Slack's). */
    private @Nullable String body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            return null;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        boolean valid = signatures.valid(
                request.getHeader(SlackSignatures.TIMESTAMP_HEADER),
                request.getHeader(SlackSignatures.SIGNATURE_HEADER),
                body);
        if (!valid) {
            log.warn("Slack request to {} refused: signature missing, wrong or stale", request.getRequestURI());
            return null;
        }
        return body;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(key, value);
        }
        return form;
    }

    private static ResponseEntity<Map<String, Object>> ephemeral(String text) {
        return ResponseEntity.ok(Map.of("response_type", "ephemeral", "text", text));
    }

    private static ResponseEntity<Map<String, Object>> refused() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Map.of(
                        "type",
                        "about:blank",
                        "title",
                        "Unauthorized",
                        "status",
                        401,
                        "code",
                        "slack.signature_invalid",
                        "detail",
                        "The request is not signed by Slack, or is older than five minutes."));
    }
}
