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
    void controlCharactersAreRefusedWhereverTheyStand() {
        assertThat(Text.tooLong("firstName", "Ada\u0000", 100))
                .isEqualTo(Violation.invalid("firstName", "must not contain control characters"));
        assertThat(Text.required("city", "Austin\nTX", 100)).isNotNull();
        assertThat(Text.tooLong("customField1", "tab\there", 255)).isNotNull();
        assertThat(Text.tooLong("customField1", "caf\u00e9 \uD83D\uDE00", 255)).isNull();
    }
}
