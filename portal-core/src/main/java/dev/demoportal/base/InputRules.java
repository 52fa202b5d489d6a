package dev.demoportal.base;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What any input may hold, in one place: times within the years 2000 to 2199, days likewise,
 * durations from one minute to 365 days, and text without control characters (tab, line feed and
 * carriage return are text). Values outside overflow date arithmetic, or PostgreSQL refuses them
 * (a NUL in text), so they are refused where they come in, as field errors naming the field.
 *
 * <p>Records, collections and maps are looked into, so a request body is checked as a whole:
 * {@code links[2].url} names a component of the third element of {@code links}.
 */
public final class InputRules {

    /** The earliest time accepted. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** The first time no longer accepted. */
    public static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);

    public static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);

    public static final Duration SHORTEST = Duration.ofMinutes(1);

    public static final Duration LONGEST = Duration.ofDays(365);

    static final String TIME_MESSAGE =
            "Give a time from 2000-01-01T00:00:00Z up to (not including) " + "2200-01-01T00:00:00Z";
    static final String DAY_MESSAGE = "Give a day from 2000-01-01 to 2199-12-31";
    static final String DURATION_MESSAGE = "Give a duration from PT1M (one minute) to P365D";

    /** Deep enough for any request body; stops at cycles and absurd nesting. */
    private static final int MAX_DEPTH = 8;

    /**
     * Each record type's components, looked up once: every form and request passes here, and
     * asking a class for its components copies them (and their accessors) on every call.
     */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Component[] read = new Component[components.length];
            for (int i = 0; i < components.length; i++) {
                Method accessor = components[i].getAccessor();
                try {
                    // records of the feature packages are often package-private
                    accessor.setAccessible(true);
                } catch (RuntimeException e) {
                    accessor = null;
                }
                read[i] = new Component(components[i].getName(), accessor);
            }
            return read;
        }
    };

    private record Component(String name, @Nullable Method accessor) {

        @Nullable
        Object read(Record record) {
            if (accessor == null) {
                return null;
            }
            try {
                return accessor.invoke(record);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    private InputRules() {}

    /** Every rule, applied to {@code value} named {@code field} ("" for a body whose components are the fields). */
    public static List<ValidationFailed.FieldError> check(String field, @Nullable Object value) {
        List<ValidationFailed.FieldError> errors = new ArrayList<>();
        walk(field, value, true, errors, 0);
        return errors;
    }

    /** Only the text rule: for forms, whose times come from pickers with rules of their own. */
    public static List<ValidationFailed.FieldError> checkText(String field, @Nullable Object value) {
        List<ValidationFailed.FieldError> errors = new ArrayList<>();
        walk(field, value, false, errors, 0);
        return errors;
    }

    /** Throws {@link ValidationFailed} if {@code text} holds a control character. */
    public static void requireText(String field, @Nullable String text) {
        List<ValidationFailed.FieldError> errors = checkText(field, text);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }

    /** The first control character other than tab, line feed and carriage return, or -1. */
    static int controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return c;
            }
        }
        return -1;
    }

    private static void walk(
            String path, @Nullable Object value, boolean times, List<ValidationFailed.FieldError> errors, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        switch (value) {
            case String text -> {
                int c = controlCharacter(text);
                if (c >= 0) {
                    errors.add(new ValidationFailed.FieldError(
                            name(path),
                            String.format(
                                    Locale.ROOT,
                                    "Remove the control character U+%04X; text may hold tabs and line breaks, no other "
                                            + "control characters",
                                    c)));
                }
            }
            case Instant instant -> {
                if (times && (instant.isBefore(EARLIEST) || !instant.isBefore(END))) {
                    errors.add(new ValidationFailed.FieldError(name(path), TIME_MESSAGE));
                }
            }
            case LocalDate day -> {
                if (times && (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY))) {
                    errors.add(new ValidationFailed.FieldError(name(path), DAY_MESSAGE));
                }
            }
            case Duration duration -> {
                if (times && (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0)) {
                    errors.add(new ValidationFailed.FieldError(name(path), DURATION_MESSAGE));
                }
            }
            case Record record -> {
                for (Component component : COMPONENTS.get(record.getClass())) {
                    Object part = component.read(record);
                    if (part != null) {
                        walk(join(path, component.name()), part, times, errors, depth + 1);
                    }
                }
            }
            case Collection<?> items -> {
                int i = 0;
                for (Object item : items) {
                    walk(path + "[" + i++ + "]", item, times, errors, depth + 1);
                }
            }
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    walk(path, entry.getKey(), times, errors, depth + 1);
                    walk(path + "[" + key + "]", entry.getValue(), times, errors, depth + 1);
                }
            }
            default -> {
                // numbers, ids, enums, servlet objects: nothing to check here
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String name(String path) {
        return path.isEmpty() ? "body" : path;
    }
}
