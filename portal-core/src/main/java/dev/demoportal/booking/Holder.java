package dev.demoportal.booking;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Who holds a booking. */
public record Holder(UUID id, String name, @Nullable String email) {

    /** Up to two initials, for avatars. */
    public String initials() {
        String[] parts = name.strip().split("\\s+");
        String first = parts[0].isEmpty() ? "?" : parts[0].substring(0, 1);
        return parts.length > 1 ? first + parts[parts.length - 1].charAt(0) : first;
    }
}
