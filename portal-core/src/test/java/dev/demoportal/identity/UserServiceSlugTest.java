package dev.demoportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Organisation slugs end up in URLs and must pass the database's slug check. */
class UserServiceSlugTest {

    private static final String DATABASE_SLUG = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    @Test
    void dropsAccents() {
        assertThat(UserService.slugOf("Société Générale")).isEqualTo("societe-generale");
        assertThat(UserService.slugOf("Müller Ärzte GmbH")).isEqualTo("muller-arzte-gmbh");
    }

    @Test
    void turnsPunctuationIntoSingleDashesAndTrimsThem() {
        assertThat(UserService.slugOf("  A&B, Inc.  ")).isEqualTo("a-b-inc");
        assertThat(UserService.slugOf("--Foo__Bar!!")).isEqualTo("foo-bar");
    }

    @Test
    void keepsDigits() {
        assertThat(UserService.slugOf("3M Company 2024")).isEqualTo("3m-company-2024");
    }

    @Test
    void cutsLongNamesToSixtyThreeCharactersWithoutTrailingDash() {
        String name = "The " + "Very ".repeat(12) + "Long Name Corporation";

        String slug = UserService.slugOf(name);

        assertThat(slug).hasSizeLessThanOrEqualTo(63).matches(DATABASE_SLUG).startsWith("the-very-very");
        assertThat(slug).doesNotEndWith("-");
    }

    @Test
    void cutAtADashDoesNotLeaveOne() {
        // the 63rd character is the dash between the words
        String name = "a".repeat(62) + " bcd";

        assertThat(UserService.slugOf(name)).isEqualTo("a".repeat(62));
    }

    @Test
    void nameWithoutLatinLettersStillGetsAValidSlug() {
        String slug = UserService.slugOf("株式会社");

        assertThat(slug).startsWith("org-").matches(DATABASE_SLUG);
        assertThat(UserService.slugOf("株式会社"))
                .as("random, so two such names do not collide")
                .isNotEqualTo(slug);
    }
}
