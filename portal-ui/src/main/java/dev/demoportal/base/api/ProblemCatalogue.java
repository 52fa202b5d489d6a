package dev.demoportal.base.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every problem {@code code} the API can answer, with its status and what it means. The OpenAPI
 * document's problem responses and examples come from here, and the contract test checks that every
 * code the code base throws is in it; docs/api.md lists the same codes for people.
 */
public final class ProblemCatalogue {

    /** One problem code: the status it is sent with and when. */
    public record Entry(String code, int status, String when) {}

    /** Codes every endpoint under {@code /api} can answer, so no endpoint has to list them. */
    public static final List<String> COMMON = List.of(
            "auth.required",
            "auth.token_invalid",
            "auth.token_expired",
            "auth.token_revoked",
            "auth.token_no_roles",
            "auth.unknown_issuer",
            "auth.wrong_audience",
            "auth.no_matching_rule",
            "auth.forbidden",
            "request.rejected",
            "request.invalid_parameter",
            "rate_limit.exceeded",
            "internal");

    /** Codes every endpoint with a request body can answer as well. */
    public static final List<String> WITH_BODY =
            List.of("request.bad_request", "request.too_large", "request.unsupported_media_type");

    /** Codes every {@code POST} can answer as well ({@code Idempotency-Key}). */
    public static final List<String> POST =
            List.of("idempotency.invalid_key", "idempotency.in_progress", "idempotency.key_reused", "auth.csrf");

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        add("validation.failed", 400, "A field is wrong; errors: [{field, message}] names each one.");
        add("request.bad_request", 400, "The body is not valid JSON or a value cannot be read.");
        add("request.invalid_parameter", 400, "A query or path parameter cannot be read.");
        add("request.rejected", 400, "The path or headers hold something the portal never accepts.");
        add("idempotency.invalid_key", 400, "The Idempotency-Key is empty, too long or not visible ASCII.");
        add("auth.required", 401, "No credentials, or an access token the portal cannot accept.");
        add("auth.token_invalid", 401, "A malformed or unknown API token, or a CI token whose signature fails.");
        add("auth.token_expired", 401, "An API token or CI token past its expiry.");
        add("auth.token_revoked", 401, "An API token that was revoked.");
        add("auth.token_no_roles", 401, "An API token whose owner no longer has any of its roles.");
        add("auth.unknown_issuer", 401, "A JWT of an issuer that is not trusted.");
        add("auth.wrong_audience", 401, "A CI token whose aud is not the one trusted for its issuer.");
        add("auth.no_matching_rule", 401, "A valid CI token whose claims match no rule.");
        add("auth.forbidden", 403, "The caller's role may not do this.");
        add("auth.csrf", 403, "A browser-session call that changes something came without its CSRF token.");
        add("sandbox.self_approval", 403, "The requester cannot decide on their own request.");
        add("api.not_found", 404, "No such route.");
        add("environment.not_found", 404, "No such environment.");
        add("booking.not_found", 404, "No such booking, or not one the caller may see.");
        add("waitlist.not_found", 404, "No such waitlist entry.");
        add("region.not_found", 404, "No such region.");
        add("sandbox.not_found", 404, "No such sandbox request, or one of another organisation.");
        add("sandbox.extension_not_found", 404, "No such extension request.");
        add("sandbox.kubeconfig_not_found", 404, "The sandbox is ready but its template gives no cluster access.");
        add("sandbox.secret_not_found", 404, "The sandbox is ready but has no secret of that name.");
        add("sandbox_template.not_found", 404, "No such sandbox template.");
        add("organisation.not_found", 404, "No such organisation.");
        add("invitation.not_found", 404, "No such invitation.");
        add("job.not_found", 404, "No such provisioning job, or one of a sandbox the caller may not see.");
        add("user.not_found", 404, "No such user.");
        add("api_token.not_found", 404, "No such API token, or one of someone else.");
        add("service_account.not_found", 404, "No such service account.");
        add("ci_identity.issuer_not_found", 404, "No such trusted CI issuer.");
        add("ci_identity.rule_not_found", 404, "No such claim rule.");
        add("notification.unknown_kind", 404, "No such kind of notification.");
        add("webhook.not_found", 404, "No such webhook.");
        add("idempotency.in_progress", 409, "A request with this Idempotency-Key is still running; Retry-After: 1.");
        add("slot_unavailable", 409, "Every slot is taken; nextFreeAt is the earliest free start.");
        add("slot_taken", 409, "The slot a claim named is held; freeSlot is one free now, if any.");
        add("booking.not_started", 409, "The booking has not started.");
        add("booking.already_started", 409, "The booking has started already.");
        add("booking.ended", 409, "The booking has ended.");
        add("booking.changed", 409, "The booking changed concurrently; read it again.");
        add("booking.illegal_transition", 409, "The booking cannot make this move from its status.");
        add("waitlist.slot_free", 409, "A slot is free: book instead of queueing.");
        add("slot.not_found", 404, "The environment has no slot with that number.");
        add("slot_reset.not_found", 404, "No such slot reset.");
        add("slot_reset.not_out_of_service", 409, "The slot is not out of service: nothing to return.");
        add("slot_reset.illegal_transition", 409, "The reset cannot move to that state from the one it is in.");
        add("waitlist.already_waiting", 409, "The caller is already queued for this environment.");
        add("waitlist.changed", 409, "The waitlist entry changed concurrently.");
        add("waitlist.illegal_transition", 409, "The waitlist entry cannot make this move.");
        add("deployment.stale", 409, "A report seen earlier than the current one; currentAt names it.");
        add("quota_exceeded", 409, "The organisation's quota for this template is used up; quota says how much.");
        add("sandbox.not_waiting", 409, "The request is not waiting for a decision.");
        add("sandbox.not_cancellable", 409, "The request was decided already.");
        add("sandbox.not_extendable", 409, "The sandbox is not ready.");
        add("sandbox.extension_needs_approval", 409, "Beyond the maximum lifetime; extendableHours says how far.");
        add("sandbox.extension_pending", 409, "An extension request is already waiting.");
        add("sandbox.not_tearable", 409, "Only a ready or failed sandbox can be torn down early.");
        add("sandbox.busy", 409, "Another job of this sandbox is running.");
        add("sandbox.changed", 409, "The sandbox changed concurrently.");
        add("sandbox.illegal_transition", 409, "The sandbox cannot make this move from its status.");
        add("sandbox.not_ready", 409, "The sandbox is not ready.");
        add("sandbox.not_failed", 409, "The sandbox has not failed.");
        add("sandbox.no_failed_job", 409, "The sandbox has no failed job to retry.");
        add(
                "job.not_retryable",
                409,
                "The job has not failed, another job of its sandbox runs, or it was rolled back.");
        add("environment.changed", 409, "The environment changed concurrently; read it again.");
        add("region.changed", 409, "The region changed concurrently; read it again.");
        add("sandbox_template.changed", 409, "The template changed concurrently.");
        add("invitation.not_open", 409, "The invitation is no longer open.");
        add("request.too_large", 413, "The body is over the request size limit.");
        add("request.unsupported_media_type", 415, "The body is not JSON.");
        add("idempotency.key_reused", 422, "The Idempotency-Key was used for a different request.");
        add("rate_limit.exceeded", 429, "Too many calls; Retry-After says when to try again.");
        add("internal", 500, "Our fault; detail carries an error id to quote.");
    }

    private ProblemCatalogue() {}

    private static void add(String code, int status, String when) {
        ENTRIES.put(code, new Entry(code, status, when));
    }

    public static Optional<Entry> find(String code) {
        return Optional.ofNullable(ENTRIES.get(code));
    }

    /** The entry of {@code code}; a code that is not in the catalogue is a programming error. */
    public static Entry of(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("Problem code not in the catalogue: " + code));
    }

    public static Map<String, Entry> all() {
        return Map.copyOf(ENTRIES);
    }
}
