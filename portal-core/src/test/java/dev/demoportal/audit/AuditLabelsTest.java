package dev.demoportal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditLabelsTest {

    @Test
    void anActionReadsAsWords() {
        assertThat(AuditLabels.label("sandbox.secrets_revealed")).isEqualTo("Sandbox secrets revealed");
        assertThat(AuditLabels.label("booking.no_show")).isEqualTo("Booking released as a no-show");
        assertThat(AuditLabels.label("environment.maintenance_scheduled")).isEqualTo("Maintenance scheduled");
    }

    @Test
    void anActionWithoutALabelStillReadsAsWords() {
        assertThat(AuditLabels.label("sandbox.snapshot_taken")).isEqualTo("Sandbox snapshot taken");
    }

    @Test
    void aSearchFindsActionsByTheWordsOfTheirLabel() {
        assertThat(AuditLabels.labelled("Revealed")).containsExactly("sandbox.secrets_revealed");
        assertThat(AuditLabels.labelled("no-show")).containsExactly("booking.no_show");
        assertThat(AuditLabels.labelled("maintenance"))
                .containsExactly("environment.maintenance_cancelled", "environment.maintenance_scheduled");
    }
}
