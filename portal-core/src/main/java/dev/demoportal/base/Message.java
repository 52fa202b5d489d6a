package dev.demoportal.base;

import java.io.Serial;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A sentence for a person that names moments in time ("Your sandbox is ready until …"). The moments
 * stay {@link Instant}s until the sentence is shown, because only the screen knows the reader's time
 * zone: the UI renders them in the viewer's zone, the API and logs as ISO-8601 UTC ({@link #iso()}),
 * mail (whose reader's zone nobody knows) as UTC with the zone named ({@link #utc()}).
 *
 * <p>Stored (a notification) as its {@link #iso()} text; {@link #parse} turns every ISO-8601 UTC
 * instant in a text back into a moment, so texts stored before there were messages read right too.
 */
public final class Message implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What {@link Instant#toString()} writes: an ISO-8601 instant in UTC ({@code Z}). */
    private static final Pattern INSTANT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?Z");

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** Strings and instants, in reading order. */
    private final List<Serializable> parts;

    private Message(List<Serializable> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * A message from its pieces in reading order: each {@link Instant} stays a moment, anything else
     * is text ({@code Message.of("Ready until ", expiresAt, ".")}).
     */
    public static Message of(Object... pieces) {
        Parts parts = new Parts();
        for (Object piece : pieces) {
            if (piece instanceof Message message) {
                message.parts.forEach(parts::add);
            } else {
                parts.add(piece);
            }
        }
        return new Message(parts.done());
    }

    /** A message without moments. */
    public static Message plain(String text) {
        return new Message(text.isEmpty() ? List.of() : List.of(text));
    }

    /** A stored or ISO text back as a message: every ISO-8601 UTC instant in it becomes a moment. */
    public static Message parse(String text) {
        List<Object> pieces = new ArrayList<>();
        Matcher m = INSTANT.matcher(text);
        int from = 0;
        while (m.find()) {
            try {
                Instant instant = Instant.parse(m.group());
                pieces.add(text.substring(from, m.start()));
                pieces.add(instant);
                from = m.end();
            } catch (DateTimeException notAnInstant) {
                // "2026-13-45T99:99Z" looks like one but is text
            }
        }
        pieces.add(text.substring(from));
        return of(pieces.toArray());
    }

    /** The text with each moment written by {@code time}. */
    public String render(Function<Instant, String> time) {
        StringBuilder out = new StringBuilder();
        for (Serializable part : parts) {
            out.append(part instanceof Instant instant ? time.apply(instant) : part);
        }
        return out.toString();
    }

    /** Moments as ISO-8601 UTC ({@code 2026-12-06T01:37:15Z}): for the API, logs and storage. */
    public String iso() {
        return render(Instant::toString);
    }

    /** Moments as {@code 2026-12-06 01:37 UTC}: for mail, whose reader's zone is unknown. */
    public String utc() {
        return render(UTC::format);
    }

    /** The moments it names, in reading order. */
    public List<Instant> times() {
        return parts.stream()
                .filter(Instant.class::isInstance)
                .map(Instant.class::cast)
                .toList();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Message m && m.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** The {@link #iso()} text. */
    @Override
    public String toString() {
        return iso();
    }

    /** Collects pieces: adjacent text joined, each instant a part of its own. */
    private static final class Parts {
        private final List<Serializable> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        void add(Object piece) {
            if (piece instanceof Instant instant) {
                flush();
                parts.add(instant);
            } else {
                text.append(piece);
            }
        }

        List<Serializable> done() {
            flush();
            return parts;
        }

        private void flush() {
            if (!text.isEmpty()) {
                parts.add(text.toString());
                text.setLength(0);
            }
        }
    }
}
