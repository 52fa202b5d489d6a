package dev.demoportal.base.ui;

import com.vaadin.flow.component.HasValidation;
import dev.demoportal.base.ValidationFailed;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a service's {@link ValidationFailed} on the form fields it names. The service is the one
 * place validation rules live; forms only display what it says. A field path like
 * {@code links[2].url} is shown on the field registered as {@code links}. Moments in a message read
 * in the viewer's time zone.
 */
public final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    public FieldErrors field(String name, HasValidation field) {
        fields.put(name, field);
        return this;
    }

    public void clear() {
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    /** Marks the named fields; returns the messages no field could show (to put in a notification). */
    public String show(ValidationFailed failed) {
        clear();
        StringBuilder unplaced = new StringBuilder();
        for (ValidationFailed.FieldError error : failed.errors()) {
            String key = error.field().replaceAll("[\\[.].*$", "");
            HasValidation field = fields.get(key);
            if (field == null) {
                unplaced.append(ViewerTime.text(error.text())).append(". ");
            } else if (!field.isInvalid()) {
                field.setErrorMessage(ViewerTime.text(error.text()));
                field.setInvalid(true);
            }
        }
        return unplaced.toString().strip();
    }
}
