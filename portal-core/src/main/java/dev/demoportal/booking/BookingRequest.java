package dev.demoportal.booking;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A request to book any free slot of an environment for {@code [start, end)}. */
public record BookingRequest(
        @NotBlank(message = "Choose an environment") String environment,
        @NotNull(message = "Enter a start") Instant start,
        @NotNull(message = "Enter an end") Instant end,

        @NotBlank(message = "Say what it is for") @Size(max = 200, message = "At most 200 characters")
        String purpose,

        @Nullable @Size(max = 120, message = "At most 120 characters")
        String customer) {

    public BookingRequest {
        purpose = purpose == null ? "" : purpose.strip();
        customer = customer == null || customer.isBlank() ? null : customer.strip();
    }
}
