package dev.demoportal.base.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list, the same for every list endpoint: {@code items}, how many there are in all
 * ({@code total}), where this page starts ({@code offset}) and its size ({@code limit}), and the
 * address of the next page ({@code next}, absent on the last one).
 */
public record PageJson<T>(List<T> items, long total, int offset, int limit, @Nullable String next) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** A page of {@code all} (already in order) as {@code path} with {@code offset} and {@code limit}. */
    public static <T> PageJson<T> of(List<T> all, int offset, int limit, String path) {
        Paging paging = Paging.of(offset, limit);
        int from = (int) Math.min(paging.offset(), all.size());
        int to = (int) Math.min((long) from + paging.limit(), all.size());
        return page(all.subList(from, to), all.size(), paging, path);
    }

    /** A page already cut by the database, with the total it counted. */
    public static <T> PageJson<T> page(List<T> items, long total, Paging paging, String path) {
        long nextOffset = (long) paging.offset() + items.size();
        String next = nextOffset < total && !items.isEmpty()
                ? path + (path.contains("?") ? "&" : "?") + "offset=" + nextOffset + "&limit=" + paging.limit()
                : null;
        return new PageJson<>(List.copyOf(items), total, paging.offset(), paging.limit(), next);
    }

    /** {@code offset} ≥ 0 and 1 ≤ {@code limit} ≤ 500, or {@code 400 validation.failed}. */
    public record Paging(int offset, int limit) {

        public static Paging of(@Nullable Integer offset, @Nullable Integer limit) {
            int o = offset == null ? 0 : offset;
            int l = limit == null ? DEFAULT_LIMIT : limit;
            java.util.List<dev.demoportal.base.ValidationFailed.FieldError> errors = new java.util.ArrayList<>();
            if (o < 0) {
                errors.add(new dev.demoportal.base.ValidationFailed.FieldError("offset", "Use an offset of 0 or more."));
            }
            if (l < 1 || l > MAX_LIMIT) {
                errors.add(new dev.demoportal.base.ValidationFailed.FieldError("limit",
                        "Use a limit from 1 to " + MAX_LIMIT + "."));
            }
            if (!errors.isEmpty()) {
                throw new dev.demoportal.base.ValidationFailed(errors);
            }
            return new Paging(o, l);
        }
    }
}
