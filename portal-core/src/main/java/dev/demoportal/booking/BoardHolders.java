package dev.demoportal.booking;

import dev.demoportal.environment.CurrentHolders;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Answers the environment feature's "who holds what now" from the bookings. */
@Component
class BoardHolders implements CurrentHolders {

    private final BoardService board;

    BoardHolders(BoardService board) {
        this.board = board;
    }

    @Override
    public Map<UUID, List<Holding>> now() {
        return board.holdingsNow();
    }
}
