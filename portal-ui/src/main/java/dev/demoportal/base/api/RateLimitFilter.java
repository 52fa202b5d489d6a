package dev.demoportal.base.api;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.PortalPrincipal;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fair use of the API: a token bucket (Bucket4j) per caller, that is per API token, or per user
 * for other credentials (an OIDC access token, a CI identity's service account, a browser session).
 * A caller over the limit gets {@code 429 rate_limit.exceeded} with {@code Retry-After} in whole
 * seconds; every answer carries {@code RateLimit-Remaining}. Buckets live in this replica's memory
 * (see {@link ApiProperties.RateLimit}).
 */
class RateLimitFilter extends OncePerRequestFilter {

    /** Buckets that are full again (their caller idle) are dropped once there are this many. */
    private static final int TIDY_ABOVE = 10_000;

    private final ApiProperties.RateLimit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(ApiProperties api) {
        this.limit = api.rateLimit();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limit.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> caller = callerKey();
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (buckets.size() > TIDY_ABOVE) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= limit.capacity());
        }
        ConsumptionProbe probe =
                buckets.computeIfAbsent(caller.get(), k -> newBucket()).tryConsumeAndReturnRemaining(1);
        response.setHeader("RateLimit-Limit", String.valueOf(limit.capacity()));
        response.setHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader("Retry-After", String.valueOf(seconds));
        ProblemDetail problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "rate_limit.exceeded",
                "Too many requests: "
                        + limit.capacity() + " at once, then " + limit.refill() + " per " + limit.refillPeriod()
                        + ". Retry in " + seconds + " s.");
        problem.setProperty("retryAfterSeconds", seconds);
        Problems.send(request, response, problem);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.refill(), limit.refillPeriod())
                        .build())
                .build();
    }

    /** Per API token when the call came with one, otherwise per user. */
    private static Optional<String> callerKey() {
        Optional<PortalPrincipal> principal = CurrentActor.principal();
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        if (principal.get() instanceof TokenBound token && token.tokenId() != null) {
            return Optional.of("token:" + token.tokenId());
        }
        return Optional.of("user:" + principal.get().userId());
    }
}
