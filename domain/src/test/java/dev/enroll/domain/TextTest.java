package dev.enroll.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
                .isEqualTo(Violation.invalid("firstName", "must not contain control characters or line breaks"));
        assertThat(Text.required("city", "Austin\nTX", 100)).isNotNull();
        assertThat(Text.tooLong("customField1", "tab\there", 255)).isNotNull();
        assertThat(Text.tooLong("customField1", "caf\u00e9 \uD83D\uDE00", 255)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u007F", "\u0085", "\u009F", "\u2028", "\u2029"})
    void deleteTheC1ControlsAndUnicodeLineBreaksAreRefusedToo(String character) {
        assertThat(Text.tooLong("addressLine1", "12 Main St" + character + "Apt 4", 100))
                .isEqualTo(Violation.invalid("addressLine1", "must not contain control characters or line breaks"));
    }

    @Test
    void textForAPersonMayHoldAnyOtherCharacter() {
        // Names in Persian or Hindi need the zero-width (non-)joiner; a no-break space is a space.
        assertThat(Text.required("name.last", "\u0645\u06cc\u200c\u0631\u0648\u0632", 100)).isNull();
        assertThat(Text.required("name.last", "van\u00a0der Berg", 100)).isNull();
    }

    @Test
    void trimmingTakesEverySpaceAroundTheValueTheNoBreakOneToo() {
        assertThat(Text.trimmed("\u00a0 Ada\u202f\u3000\t")).isEqualTo("Ada");
        assertThat(Text.trimmed("van\u00a0der")).isEqualTo("van\u00a0der");
        assertThat(Text.optional("\u00a0\u2007 ")).isNull();
        assertThat(Text.required("name.last", Text.trimmed("\u00a0\u00a0"), 100))
                .isEqualTo(Violation.invalid("name.last", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200b", "\u200d", "\u202e", "\ufeff", "\u00ad", "\u00a0", "\u3000", "\u0001",
        "\u2028", "\ue000", "\ud800"})
    void identifiersRefuseInvisibleAndNonPrintingCharacters(String character) {
        assertThat(Text.identifier("policy.number", "POL" + character + "1"))
                .isEqualTo(Violation.invalid("policy.number", "must contain printable characters only"));
    }

    @Test
    void identifiersMayHoldPlainSpacesAndAnyScript() {
        assertThat(Text.identifier("policy.number", "POL 1/\u00c9-\u4fdd\u9669")).isNull();
        assertThat(Text.identifier("policy.number", "\uD83D\uDE00")).isNull();
        assertThat(Text.identifier("policy.number", null)).isNull();
    }

    @Test
    void identifiersAreComposedSoThatOneLetterHasOneSpelling() {
        // É as one character, and as E with a combining acute accent: the same to a reader.
        assertThat(Text.identifier("policy.number", "POL-\u00c9")).isNull();
        assertThat(Text.identifier("policy.number", "POL-E\u0301"))
                .isEqualTo(Violation.invalid("policy.number", Text.NOT_COMPOSED));
    }
}
