package dev.demoportal.base.api;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.PortalPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on the API's POSTs: the first answer to a key (per caller) is stored for
 * {@code portal.api.idempotency-key-ttl}; the same key with the same request gets that answer again
 * ({@code Idempotent-Replayed: true}) and changes nothing; with another request it is
 * {@code 422 idempotency.key_reused}; while the first one still runs, {@code 409
 * idempotency.in_progress}. An answer of 500 or more is not kept, so a retry runs again. Expired
 * keys are swept by whichever replica notices first, at most every few minutes.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** A first request that has not answered in this time is taken for dead (its replica stopped). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyQueries keys;
    private final Clock clock;
    private final Duration ttl;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    IdempotencyFilter(IdempotencyQueries keys, Clock clock, ApiProperties api) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = api.idempotencyKeyTtl();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        Optional<PortalPrincipal> caller = CurrentActor.principal();
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            Problems.send(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "idempotency.invalid_key",
                            "An Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID."));
            return;
        }
        String principal = "user:" + caller.get().userId();
        byte[] body = request.getInputStream().readAllBytes();
        String hash = hash(request, body);
        Instant now = clock.instant();
        sweepNow(now);
        keys.forgetStale(principal, key, now, now.minus(ABANDONED_AFTER));
        if (!keys.claim(principal, key, hash, now, now.plus(ttl))) {
            answerFromStore(request, response, principal, key, hash);
            return;
        }
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new ReadAgain(request, body), recorded);
            int status = recorded.getStatus();
            if (status < 500) {
                Object replay = request.getAttribute(Idempotency.REPLAY_BODY);
                String answer = replay != null
                        ? JSON.writeValueAsString(replay)
                        : new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8);
                keys.complete(
                        principal, key, status, recorded.getContentType(), recorded.getHeader("Location"), answer);
                stored = true;
            }
        } finally {
            if (!stored) {
                keys.release(principal, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    private void answerFromStore(
            HttpServletRequest request, HttpServletResponse response, String principal, String key, String hash)
            throws IOException {
        IdempotencyQueries.Stored first = keys.find(principal, key).orElse(null);
        if (first == null || first.status() == null) {
            response.setHeader("Retry-After", "1");
            Problems.send(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.CONFLICT,
                            "idempotency.in_progress",
                            "A request with this Idempotency-Key is still running. Retry shortly to get its answer."));
        } else if (!first.requestHash().equals(hash)) {
            Problems.send(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "idempotency.key_reused",
                            "This Idempotency-Key was used for a different request (another address or body). Use a new "
                                    + "key for a new request."));
        } else {
            response.setStatus(first.status());
            response.setHeader("Idempotent-Replayed", "true");
            if (first.location() != null) {
                response.setHeader("Location", first.location());
            }
            if (first.contentType() != null) {
                response.setContentType(first.contentType());
            }
            byte[] bytes = first.body() == null ? new byte[0] : first.body().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    private void sweepNow(Instant now) {
        Instant last = lastSweep.get();
        if (last.plus(SWEEP_EVERY).isBefore(now) && lastSweep.compareAndSet(last, now)) {
            int swept = keys.sweep(now);
            if (swept > 0) {
                log.debug("Swept {} expired idempotency keys", swept);
            }
        }
    }

    /** Method, path with query, and body: "the same request". */
    private static String hash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String target = request.getMethod() + " " + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n";
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body, which this filter has read, to be read once more by the endpoint. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
