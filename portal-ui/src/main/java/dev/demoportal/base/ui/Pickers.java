package dev.demoportal.base.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.timepicker.TimePicker;
import java.util.Locale;

/**
 * Date and time pickers that read as every other time in the portal ({@link ViewerTime}): ISO dates
 * ({@code 2026-03-03}) and 24-hour times ({@code 14:30}), weeks from Monday, whatever the browser's
 * language. Without this, a picker follows the browser's locale ({@code 3/3/2026, 2:30 PM} in
 * en-US) beside 24-hour times everywhere else. Every view makes its pickers here.
 */
public final class Pickers {

    /** English words and 24-hour times; the date format is set explicitly. */
    static final Locale LOCALE = Locale.UK;
    /** What a date picker shows and takes. */
    static final String DATE_FORMAT = "yyyy-MM-dd";

    private Pickers() {}

    public static DatePicker date(String label) {
        DatePicker picker = new DatePicker(label);
        picker.setLocale(LOCALE);
        picker.setI18n(i18n());
        return picker;
    }

    public static TimePicker time(String label) {
        TimePicker picker = new TimePicker(label);
        picker.setLocale(LOCALE);
        return picker;
    }

    public static DateTimePicker dateTime(String label) {
        DateTimePicker picker = new DateTimePicker(label);
        picker.setLocale(LOCALE);
        picker.setDatePickerI18n(i18n());
        return picker;
    }

    private static DatePicker.DatePickerI18n i18n() {
        return new DatePicker.DatePickerI18n().setDateFormat(DATE_FORMAT).setFirstDayOfWeek(1);
    }
}
