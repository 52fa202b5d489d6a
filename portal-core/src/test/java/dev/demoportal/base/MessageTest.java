package dev.demoportal.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final Instant READY_UNTIL = Instant.parse("2026-12-06T01:37:15.393085227Z");
    private static final Instant NEXT = Instant.parse("2026-12-06T14:00:00Z");

    @Test
    void keepsItsMomentsForTheScreenToWriteInTheReadersZone() {
        Message message = Message.of("Your sandbox acme-1 is ready until ", READY_UNTIL, ".");
        DateTimeFormatter tokyo =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

        assertThat(message.times()).containsExactly(READY_UNTIL);
        assertThat(message.render(tokyo::format)).isEqualTo("Your sandbox acme-1 is ready until 2026-12-06 10:37.");
    }

    @Test
    void writesMomentsAsIsoUtcForTheApiAndAsNamedUtcForMail() {
        Message message = Message.of("The next free start is ", NEXT, ".");

        assertThat(message.iso())
                .isEqualTo("The next free start is 2026-12-06T14:00:00Z.")
                .isEqualTo(message.toString());
        assertThat(message.utc()).isEqualTo("The next free start is 2026-12-06 14:00 UTC.");
    }

    @Test
    void readsBackWhatItStored() {
        Message message = Message.of(
                "A slot freed up: you now hold EMEA Demo 1 (slot ",
                2,
                ") from ",
                NEXT,
                " to ",
                READY_UNTIL,
                ", from the waitlist.");

        Message stored = Message.parse(message.iso());

        assertThat(stored).isEqualTo(message);
        assertThat(stored.times()).containsExactly(NEXT, READY_UNTIL);
    }

    @Test
    void findsTheMomentsInTextsStoredBeforeThereWereMessages() {
        Message old = Message.parse("Your sandbox acme-1 is ready until 2026-12-06T01:37:15.393085227Z.");

        assertThat(old.times()).containsExactly(READY_UNTIL);
        assertThat(old.render(i -> "<time>")).isEqualTo("Your sandbox acme-1 is ready until <time>.");
    }

    @Test
    void textThatOnlyLooksLikeATimeStaysText() {
        Message message = Message.parse("Build 2026-13-45T99:99:00Z failed; see ticket 2026-12-06.");

        assertThat(message.times()).isEmpty();
        assertThat(message.iso()).isEqualTo("Build 2026-13-45T99:99:00Z failed; see ticket 2026-12-06.");
    }

    @Test
    void nestedMessagesJoinTheirPieces() {
        Message field = Message.of("Overlaps maintenance (patching) from ", NEXT, " to ", READY_UNTIL);

        Message joined = Message.of("start: ", field, "; end: ", Message.plain("Book at least 30 minutes"));

        assertThat(joined.times()).isEqualTo(List.of(NEXT, READY_UNTIL));
        assertThat(joined.iso())
                .isEqualTo("start: Overlaps maintenance (patching) from 2026-12-06T14:00:00Z to "
                        + "2026-12-06T01:37:15.393085227Z; end: Book at least 30 minutes");
    }
}
