package dev.enroll.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void optionalTextIsTrimmedAndBlankMeansAbsent() {
        assertThat(Text.optional("  Main St  ")).isEqualTo("Main St");
        assertThat(Text.optional(" \t ")).isNull();
        assertThat(Text.optional(null)).isNull();
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String hundredEmoji = "\uD83D\uDE00".repeat(100);

        assertThat(Text.tooLong("f", hundredEmoji, 100)).isNull();
        assertThat(Text.tooLong("f", hundredEmoji + "a", 100)).isNotNull();
    }

    @Test
    void aRequiredValueNeedsACharacterOneCanSee() {
        for (String invisible : new String[] {" ", "\u00a0", "\u200b", "\u00a0\u200b\u2060", "\u3000", "\ufeff"}) {
            assertThat(Text.required("firstName", invisible, 100)).as("U+%04X", (int) invisible.charAt(0))
                    .isEqualTo(Violation.invalid("firstName", "is required"));
        }
        assertThat(Text.required("firstName", "\u00a0Ann", 100)).isNull();
        assertThat(Text.required("firstName", "\u0645\u062d\u0645\u062f\u200f", 100)).as("a name with a right-to-left mark")
                .isNull();
    }

    @Test
    void textDirectionControlsAreRefused() {
        for (String control : new String[] {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
            "\u2068", "\u2069"}) {
            assertThat(Text.tooLong("city", "Aus" + control + "tin", 100)).as("U+%04X", (int) control.charAt(0))
                    .isEqualTo(Violation.invalid("city", "must not contain text direction controls"));
        }
        assertThat(Text.tooLong("city", "Aus\u200etin \u2070", 100)).as("marks and neighbours of the controls").isNull();
    }

    @Test
    void controlCharactersAreRefusedWhereverTheyStand() {
        assertThat(Text.tooLong("firstName", "Ada\u0000", 100))
                .isEqualTo(Violation.invalid("firstName", "must not contain control characters"));
        assertThat(Text.required("city", "Austin\nTX", 100)).isNotNull();
        assertThat(Text.tooLong("customField1", "tab\there", 255)).isNotNull();
        assertThat(Text.tooLong("customField1", "caf\u00e9 \uD83D\uDE00", 255)).isNull();
    }
}
