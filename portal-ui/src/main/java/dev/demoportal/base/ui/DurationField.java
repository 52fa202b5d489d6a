package dev.demoportal.base.ui;

import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A length of time as people write it: "3d", "2h 30m", "45 min", "1 day 12 hours". Shows a length
 * the same short way ("3d", "2h 30m"), so what the field shows can be typed back. Whole minutes
 * only; the service that takes the length judges its range.
 */
public class DurationField extends TextField {

    static final String EXAMPLES = "e.g. 45m, 2h 30m or 3d";

    private enum Unit {
        DAYS("d", "Days", 1440),
        HOURS("h", "Hours", 60),
        MINUTES("m", "Minutes", 1);

        final String symbol;
        final String name;
        final long minutes;

        Unit(String symbol, String name, long minutes) {
            this.symbol = symbol;
            this.name = name;
            this.minutes = minutes;
        }

        static Unit of(String word) {
            return switch (word.toLowerCase(Locale.ROOT)) {
                case "d", "day", "days" -> DAYS;
                case "h", "hr", "hrs", "hour", "hours" -> HOURS;
                case "m", "min", "mins", "minute", "minutes" -> MINUTES;
                default -> null;
            };
        }
    }

    private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:[.,]\\d+)?)?\\s*([a-zA-Z]+)?\\s*");
    /** Ten years: more is a typo, and would not fit the minutes the rules are kept in. */
    private static final long MOST_MINUTES = 10L * 366 * 1440;

    public DurationField(String label) {
        super(label);
        setPlaceholder(EXAMPLES.substring(5));
    }

    /** Shows {@code length} as "3d", "2h 30m". */
    public void setDuration(Duration length) {
        setValue(format(length));
        setInvalid(false);
    }

    /** The length typed; an {@link IllegalArgumentException} with a message for the person if it cannot be read. */
    public Duration getDuration() {
        return parse(getValue());
    }

    /** "3d", "2h 30m", "1d 2h 5m", "0m": the largest units first, zeros left out. */
    public static String format(Duration length) {
        long rest = length.toMinutes();
        if (rest == 0) {
            return "0m";
        }
        StringBuilder text = new StringBuilder();
        for (Unit unit : Unit.values()) {
            long n = rest / unit.minutes;
            rest %= unit.minutes;
            if (n > 0) {
                text.append(text.isEmpty() ? "" : " ").append(n).append(unit.symbol);
            }
        }
        return text.toString();
    }

    /** Reads "3d", "2h 30m", "2h30m", "45 min", "1 day 2 hours"; refuses anything else with a message that shows how. */
    public static Duration parse(String text) {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            throw new IllegalArgumentException("Enter a length, " + EXAMPLES);
        }
        Map<Unit, Long> parts = new EnumMap<>(Unit.class);
        Matcher part = PART.matcher(input);
        int at = 0;
        while (at < input.length()) {
            if (!part.find(at) || part.start() != at || part.end() == at) {
                throw new IllegalArgumentException("Write a length as " + EXAMPLES.substring(5));
            }
            String number = part.group(1);
            String word = part.group(2);
            if (number == null) {
                throw new IllegalArgumentException("Put a number before \"" + word + "\", " + EXAMPLES);
            }
            if (word == null) {
                throw new IllegalArgumentException("Give a unit: " + EXAMPLES);
            }
            Unit unit = Unit.of(word);
            if (unit == null) {
                throw new IllegalArgumentException("\"" + word + "\" is not a unit here; use d, h or m, " + EXAMPLES);
            }
            if (number.contains(".") || number.contains(",")) {
                throw new IllegalArgumentException("Use whole numbers, e.g. 1h 30m rather than 1.5h");
            }
            if (parts.containsKey(unit)) {
                throw new IllegalArgumentException(unit.name + " are given twice");
            }
            if (number.length() > 9) {
                throw new IllegalArgumentException("That is too long");
            }
            parts.put(unit, Long.parseLong(number));
            at = part.end();
        }
        long minutes = parts.entrySet().stream()
                .mapToLong(e -> e.getKey().minutes * e.getValue())
                .sum();
        if (minutes > MOST_MINUTES) {
            throw new IllegalArgumentException("That is too long");
        }
        return Duration.ofMinutes(minutes);
    }
}
