package dev.demoportal.base.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What an endpoint tells the {@code Idempotency-Key} filter. An answer that holds a secret shown
 * only once (a new API token) must not be stored: the endpoint hands over the answer without the
 * secret, which a replay then returns.
 */
public final class Idempotency {

    static final String REPLAY_BODY = Idempotency.class.getName() + ".replayBody";

    private Idempotency() {}

    /** Store {@code body} (written as JSON) for replays instead of the answer that was sent. */
    public static void replayWith(HttpServletRequest request, Object body) {
        request.setAttribute(REPLAY_BODY, body);
    }
}
