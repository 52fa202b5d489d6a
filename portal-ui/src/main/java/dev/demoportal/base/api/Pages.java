package dev.demoportal.base.api;

import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ValidationFailed.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every list endpoint pages the same way: {@code ?offset=} (default 0) and {@code ?limit=} (1 to
 * 500, default 100); the body stays a JSON array of this page, the total is in
 * {@code X-Total-Count} and the next page's address in {@code Link: <…>; rel="next"} (RFC 8288,
 * absent on the last page). Nothing is cut off without saying so.
 */
public final class Pages {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    public static final String TOTAL = "X-Total-Count";

    private Pages() {}

    /** Where a page starts and how long it is, checked. */
    public record Paging(int offset, int limit) {

        public static Paging of(@Nullable Integer offset, @Nullable Integer limit) {
            int o = offset == null ? 0 : offset;
            int l = limit == null ? DEFAULT_LIMIT : limit;
            List<FieldError> errors = new ArrayList<>();
            if (o < 0) {
                errors.add(new FieldError("offset", "Use an offset of 0 or more."));
            }
            if (l < 1 || l > MAX_LIMIT) {
                errors.add(new FieldError("limit", "Use a limit from 1 to " + MAX_LIMIT + "."));
            }
            if (!errors.isEmpty()) {
                throw new ValidationFailed(errors);
            }
            return new Paging(o, l);
        }
    }

    /** A page of {@code all}, a list already in order and small enough to hold. */
    public static <T> ResponseEntity<List<T>> of(List<T> all, @Nullable Integer offset, @Nullable Integer limit) {
        Paging paging = Paging.of(offset, limit);
        int from = Math.min(paging.offset(), all.size());
        int to = (int) Math.min((long) from + paging.limit(), all.size());
        return page(all.subList(from, to), all.size(), paging);
    }

    /** A page the database cut, with the total it counted. */
    public static <T> ResponseEntity<List<T>> page(List<T> items, long total, Paging paging) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header(TOTAL, String.valueOf(total));
        long next = (long) paging.offset() + items.size();
        if (!items.isEmpty() && next < total) {
            HttpServletRequest request =
                    ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
            String link = UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString())
                    .replaceQueryParam("offset", next)
                    .replaceQueryParam("limit", paging.limit())
                    .build()
                    .toUriString();
            answer.header("Link", "<" + link + ">; rel=\"next\"");
        }
        return answer.body(List.copyOf(items));
    }
}
