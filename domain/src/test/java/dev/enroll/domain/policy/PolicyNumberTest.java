package dev.enroll.domain.policy;

import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyNumberTest {

    @Test
    void isTrimmedAndOtherwiseKeptAsIssued() {
        assertThat(new PolicyNumber("  pol-001/A ").value()).isEqualTo("pol-001/A");
    }

    @Test
    void holdsOneTo64Characters() {
        assertThat(new PolicyNumber("7").value()).isEqualTo("7");
        assertThat(new PolicyNumber("p".repeat(64)).value()).hasSize(64);
        assertThat(violationsOf(() -> new PolicyNumber("p".repeat(65))))
                .extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("policy.number: must be at most 64 characters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void isRequired(String number) {
        assertThat(violationsOf(() -> new PolicyNumber(number))).extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("policy.number: is required");
    }

    @Test
    void comparesExactlyIncludingCase() {
        assertThat(new PolicyNumber("POL-1")).isEqualTo(new PolicyNumber(" POL-1"));
        assertThat(new PolicyNumber("POL-1")).isNotEqualTo(new PolicyNumber("pol-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POL-1\u200b", "POL\u00a0-1", "\u202ePOL-1", "POL-\u20601"})
    void refusesACharacterThatWouldMakeALookalikeOfAnotherNumber(String number) {
        assertThat(violationsOf(() -> new PolicyNumber(number))).extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("policy.number: must contain printable characters only");
    }

    @Test
    void aControlCharacterIsOneRefusalNotTwo() {
        assertThat(violationsOf(() -> new PolicyNumber("POL\n1"))).extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("policy.number: must not contain control characters or line breaks");
    }
}
