package dev.demoportal.booking.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.booking.BookingService;
import dev.demoportal.booking.BookingSummary;
import dev.demoportal.booking.SlotTaken;
import dev.demoportal.booking.SlotUnavailable;
import dev.demoportal.environment.EnvironmentSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** "Claim now" of one slot from the board: how long, and what for. The booking is of that slot or none. */
class ClaimDialog extends Dialog {

    /** The lengths offered on the board. */
    enum ClaimLength {
        H1("1 h"),
        H2("2 h"),
        H4("4 h"),
        REST_OF_DAY("Rest of day"),
        D1("1 day");

        final String label;

        ClaimLength(String label) {
            this.label = label;
        }

        Duration duration(Instant now, ZoneId zone) {
            return switch (this) {
                case H1 -> Duration.ofHours(1);
                case H2 -> Duration.ofHours(2);
                case H4 -> Duration.ofHours(4);
                case D1 -> Duration.ofDays(1);
                case REST_OF_DAY ->
                    Duration.between(
                            now,
                            now.atZone(zone)
                                    .toLocalDate()
                                    .plusDays(1)
                                    .atStartOfDay(zone)
                                    .toInstant());
            };
        }
    }

    final Select<ClaimLength> length = new Select<>();
    final TextField purpose = new TextField("Purpose");
    final TextField customer = new TextField("Customer");
    final Button claim = new Button("Claim");
    final Div taken = new Div();

    private final FieldErrors errors = new FieldErrors();
    /** The slot this dialog claims; after a refusal, the free one the person agreed to take instead. */
    private int slot;

    ClaimDialog(
            BookingService bookings,
            EnvironmentSummary environment,
            int slot,
            ClaimLength initial,
            ZoneId zone,
            Clock clock,
            Runnable changed) {
        this.slot = slot;
        setHeaderTitle("Claim slot " + slot + " of " + environment.name());
        setWidth("480px");
        length.setLabel("For");
        length.setItems(ClaimLength.values());
        length.setItemLabelGenerator(l -> l.label + " (until "
                + ViewerTime.format(clock.instant().plus(l.duration(clock.instant(), zone)), zone, clock.instant())
                + ")");
        length.setValue(initial);
        purpose.setRequiredIndicatorVisible(true);
        purpose.setMaxLength(200);
        purpose.setPlaceholder("e.g. Acme workshop: GitOps demo");
        customer.setMaxLength(120);
        customer.setHelperText("Optional");
        errors.field("duration", length)
                .field("end", length)
                .field("purpose", purpose)
                .field("customer", customer);

        FormLayout form = new FormLayout(length, purpose, customer);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        taken.addClassName("dp-availability");
        taken.getElement().setAttribute("theme", "warning");
        taken.setVisible(false);
        add(form, taken);

        claim.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        claim.addClickListener(e -> {
            try {
                Instant now = clock.instant();
                Duration how = length.getValue() == null
                        ? Duration.ZERO
                        : length.getValue().duration(now, zone);
                BookingSummary result =
                        bookings.claim(environment.slug(), this.slot, how, purpose.getValue(), customer.getValue());
                close();
                Notification.show(
                                "You hold " + result.environmentName() + ", slot " + result.slot() + ", until "
                                        + ViewerTime.format(result.end(), zone, now),
                                4000,
                                Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                changed.run();
            } catch (ValidationFailed failed) {
                String rest = errors.show(failed);
                if (!rest.isEmpty()) {
                    Notification.show(rest, 5000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            } catch (SlotTaken slotTaken) {
                // keep what was typed; offer the slot that is free instead, or say there is none
                taken.setVisible(true);
                if (slotTaken.freeSlot() == null) {
                    taken.setText("Someone was faster: slot " + slotTaken.slot() + " was taken a moment ago, and no "
                            + "other slot of " + environment.name() + " is free now.");
                    claim.setEnabled(false);
                } else {
                    this.slot = slotTaken.freeSlot();
                    setHeaderTitle("Claim slot " + this.slot + " of " + environment.name());
                    taken.setText("Someone was faster: slot " + slotTaken.slot() + " was taken a moment ago. Slot "
                            + this.slot + " is free: press Claim to take it instead.");
                }
                changed.run();
            } catch (SlotUnavailable unavailable) {
                Notification.show(
                                "Someone was faster: every slot of " + environment.name() + " is taken"
                                        + (unavailable.nextFreeAt() == null
                                                ? "."
                                                : "; the next one is free from "
                                                        + ViewerTime.format(
                                                                unavailable.nextFreeAt(), zone, clock.instant())
                                                        + "."),
                                6000,
                                Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            } catch (Conflict conflict) {
                Notification.show(conflict.getMessage(), 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        });
        getFooter().add(new Button("Cancel", e -> close()), claim);
    }
}
