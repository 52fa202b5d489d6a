package dev.demoportal.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Services write instants into messages as ISO-8601 for API clients; people read them in their own zone. */
class ViewerTimeMessageTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void everyInstantInAMessageReadsInTheViewersZone() {
        assertThat(ViewerTime.inMessage("A slot is free from 2026-03-02T14:00:00Z within your window: book it "
                + "instead of queueing.", BERLIN, NOW))
                .isEqualTo("A slot is free from 15:00 within your window: book it instead of queueing.");
        assertThat(ViewerTime.inMessage("Overlaps maintenance (upgrade) from 2026-03-03T20:00:00Z to "
                + "2026-03-03T22:30:15.250Z", BERLIN, NOW))
                .isEqualTo("Overlaps maintenance (upgrade) from Tue 3 Mar 21:00 to Tue 3 Mar 23:30");
    }

    @Test
    void aMessageWithoutInstantsIsLeftAsItIs() {
        assertThat(ViewerTime.inMessage("Slot 3 was taken at 14:00 (2026-03-02)", BERLIN, NOW))
                .isEqualTo("Slot 3 was taken at 14:00 (2026-03-02)");
    }
}
