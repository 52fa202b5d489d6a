package dev.demoportal.booking;

import dev.demoportal.base.Conflict;
import java.util.Locale;
import java.util.Map;

/**
 * A waitlist entry was asked to move where it cannot from where it is: only a waiting entry is
 * granted, left or lapses. The states are named as stored ({@code WAITING}, {@code GRANTED}, ...).
 */
public class IllegalWaitlistTransition extends Conflict {

    private final String from;
    private final String to;

    public IllegalWaitlistTransition(String from, String to) {
        super(
                "waitlist.illegal_transition",
                "A waitlist entry that is " + from.toLowerCase(Locale.ROOT) + " cannot become "
                        + to.toLowerCase(Locale.ROOT) + ".");
        this.from = from;
        this.to = to;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("from", from, "to", to);
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
