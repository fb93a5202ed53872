package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContributorIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "A", "9lives", "acme.insurance_eu-1"})
    void acceptsLettersDigitsDotsUnderscoresAndDashes(String id) {
        assertThat(new ContributorId(id).value()).isEqualTo(id);
    }

    @Test
    void acceptsUpTo64Characters() {
        String longest = "a".repeat(64);

        assertThat(new ContributorId(longest).value()).isEqualTo(longest);
        assertThat(fieldsOf(() -> new ContributorId(longest + "a"))).containsExactly("partnerId");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" acme", "acme ", ".acme", "-acme", "_acme", "ac me", "acme/1", "acmé"})
    void refusesAnythingElse(String id) {
        assertThat(fieldsOf(() -> new ContributorId(id))).containsExactly("partnerId");
    }

    @Test
    void printsAsItsValueForLogs() {
        assertThat(new ContributorId("acme")).hasToString("acme");
    }
}
