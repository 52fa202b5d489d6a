package dev.demoportal.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputRulesTest {

    record Link(String label, String url) {}

    record Form(
            String name,
            Instant start,
            Duration length,
            LocalDate day,
            List<Link> links,
            Map<String, String> parameters) {}

    record Checked(@NotBlank(message = "Say what it is for") String purpose) {}

    private static List<String> fields(List<ValidationFailed.FieldError> errors) {
        return errors.stream().map(ValidationFailed.FieldError::field).toList();
    }

    private static Form form(String name, Instant start, Duration length, LocalDate day, List<Link> links) {
        return new Form(name, start, length, day, links, Map.of());
    }

    @Test
    void timesFromTheYear2000UpToTheYear2200AreAccepted() {
        assertThat(InputRules.check("from", Instant.parse("2000-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(InputRules.check("from", Instant.parse("2199-12-31T23:59:59.999Z")))
                .isEmpty();
        assertThat(fields(InputRules.check("from", Instant.parse("1999-12-31T23:59:59Z"))))
                .containsExactly("from");
        assertThat(fields(InputRules.check("to", Instant.parse("2200-01-01T00:00:00Z"))))
                .containsExactly("to");
        assertThat(InputRules.check("to", Instant.MAX))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("2000-01-01T00:00:00Z", "2200-01-01T00:00:00Z"));
    }

    @Test
    void daysOfTheYears2000To2199AreAccepted() {
        assertThat(InputRules.check("from", LocalDate.of(2000, 1, 1))).isEmpty();
        assertThat(InputRules.check("to", LocalDate.of(2199, 12, 31))).isEmpty();
        assertThat(fields(InputRules.check("from", LocalDate.MIN))).containsExactly("from");
        assertThat(fields(InputRules.check("to", LocalDate.of(2200, 1, 1)))).containsExactly("to");
    }

    @Test
    void durationsFromAMinuteTo365DaysAreAccepted() {
        assertThat(InputRules.check("duration", Duration.ofMinutes(1))).isEmpty();
        assertThat(InputRules.check("duration", Duration.ofDays(365))).isEmpty();
        assertThat(fields(InputRules.check("duration", Duration.ofSeconds(59)))).containsExactly("duration");
        assertThat(fields(InputRules.check("duration", Duration.ofDays(365).plusSeconds(1))))
                .containsExactly("duration");
        assertThat(fields(InputRules.check("duration", Duration.ofSeconds(Long.MAX_VALUE))))
                .containsExactly("duration");
        assertThat(fields(InputRules.check("duration", Duration.ofHours(-1)))).containsExactly("duration");
    }

    @Test
    void textMayHoldTabsAndLineBreaksButNoOtherControlCharacter() {
        assertThat(InputRules.check("purpose", "line one\n\tline two\r\n")).isEmpty();
        assertThat(InputRules.check("purpose", "Ünïcödé – fine ✓")).isEmpty();
        assertThat(InputRules.check("purpose", "nul\u0000"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("U+0000"));
        assertThat(fields(InputRules.check("purpose", "escape\u001b[31m"))).containsExactly("purpose");
        assertThat(fields(InputRules.check("purpose", "delete\u007f"))).containsExactly("purpose");
        assertThat(fields(InputRules.check("purpose", "c1\u0085"))).containsExactly("purpose");
    }

    @Test
    void aBodyIsCheckedFieldByFieldWithNamesAsTheCallerSentThem() {
        Form bad = new Form(
                "ok\u0000",
                Instant.MAX,
                Duration.ZERO,
                LocalDate.MAX,
                List.of(new Link("fine", "https://a.example"), new Link("bell\u0007", "https://b.example")),
                Map.of("quota\u0001", "4\u0002"));

        assertThat(fields(InputRules.check("", bad)))
                .containsExactlyInAnyOrder(
                        "name", "start", "length", "day", "links[1].label", "parameters", "parameters[quota\u0001]");
    }

    @Test
    void nullsAndOtherTypesAreLeftToTheirOwnRules() {
        assertThat(InputRules.check("x", null)).isEmpty();
        assertThat(InputRules.check("", form(null, null, null, null, List.of())))
                .isEmpty();
        assertThat(InputRules.check("hours", Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void theTextRuleAloneIgnoresTimes() {
        Form form = form("name\u0000", Instant.MAX, Duration.ZERO, LocalDate.MAX, List.of());

        assertThat(fields(InputRules.checkText("", form))).containsExactly("name");
        assertThatThrownBy(() -> InputRules.requireText("reason", "why\u0000"))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsOnlyKeys("reason"));
    }

    @Test
    void formsRefuseControlCharactersAlongsideTheirOwnRules() {
        FormValidator validator =
                new FormValidator(Validation.buildDefaultValidatorFactory().getValidator());

        assertThatThrownBy(() -> validator.check(new Checked("demo\u0000")))
                .isInstanceOfSatisfying(
                        ValidationFailed.class, e -> assertThat(e.byField()).containsOnlyKeys("purpose"));
        assertThat(validator.check(new Checked("demo\nfor Acme"))).isNotNull();
    }
}
