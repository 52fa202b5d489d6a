package dev.demoportal.booking;

import dev.demoportal.environment.CurrentHolders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers "who holds what now" from the board, which derives it from the bookings. */
@Component
class BoardHolders implements CurrentHolders {

    private final BookingService bookings;

    BoardHolders(BookingService bookings) {
        this.bookings = bookings;
    }

    @Override
    public Map<UUID, List<Holding>> now() {
        Map<UUID, List<Holding>> byEnvironment = new HashMap<>();
        for (BoardEntry entry : bookings.board()) {
            byEnvironment.put(entry.environment().id(), entry.slots().stream()
                    .filter(slot -> slot.current() != null)
                    .map(slot -> {
                        BookingView b = slot.current();
                        return new Holding(slot.number(), b.id(), b.holder().name(), b.holder().email(), b.start(),
                                b.end(), b.purpose());
                    })
                    .toList());
        }
        return byEnvironment;
    }
}
