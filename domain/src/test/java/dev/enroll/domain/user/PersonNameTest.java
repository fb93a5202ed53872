package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.fieldsOf;
import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void trimsBothNames() {
        PersonName name = new PersonName("  Ann ", "\tSmith\n");

        assertThat(name.first()).isEqualTo("Ann");
        assertThat(name.last()).isEqualTo("Smith");
    }

    @Test
    void acceptsOneTo100Characters() {
        assertThat(new PersonName("A", "b".repeat(100)).last()).hasSize(100);
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String hundredEmoji = "\uD83D\uDE00".repeat(100);

        assertThat(new PersonName(hundredEmoji, "Smith").first()).isEqualTo(hundredEmoji);
    }

    @Test
    void refusesMoreThan100CharactersAfterTrimming() {
        assertThat(new PersonName("  " + "a".repeat(100) + "  ", "Smith").first()).hasSize(100);
        assertThat(fieldsOf(() -> new PersonName("a".repeat(101), "Smith"))).containsExactly("name.first");
    }

    @Test
    void refusesMissingOrBlankNames() {
        assertThat(fieldsOf(() -> new PersonName(null, "Smith"))).containsExactly("name.first");
        assertThat(fieldsOf(() -> new PersonName("Ann", "   "))).containsExactly("name.last");
    }

    @Test
    void reportsBothNamesAtOnce() {
        assertThat(violationsOf(() -> new PersonName("", "x".repeat(101))))
                .extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("name.first: is required", "name.last: must be at most 100 characters");
    }

    @Test
    void doesNotPrintTheName() {
        assertThat(new PersonName("Ann", "Smith").toString()).doesNotContain("Ann", "Smith");
    }
}
