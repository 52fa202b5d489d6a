package dev.demoportal.booking;

import dev.demoportal.environment.CurrentHolders;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers the environment feature's "who holds what now" from the bookings. */
@Component
class BoardHolders implements CurrentHolders {

    private final BookingService bookings;

    BoardHolders(BookingService bookings) {
        this.bookings = bookings;
    }

    @Override
    public Map<UUID, List<Holding>> now() {
        return bookings.holdingsNow();
    }
}
