package dev.enroll.domain.address;

import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.enroll.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ZipCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"12345", "00501", "12345-6789"})
    void acceptsFiveDigitsOrZipPlus4(String zip) {
        assertThat(new ZipCode(zip).value()).isEqualTo(zip);
    }

    @Test
    void trimsSurroundingSpace() {
        assertThat(new ZipCode(" 12345 ").value()).isEqualTo("12345");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1234", "123456", "12345-678", "12345-67890", "123456789", "12345 6789", "ABCDE",
        "\uFF11\uFF12\uFF13\uFF14\uFF15"})
    void refusesEverythingElse(String zip) {
        assertThat(violationsOf(() -> new ZipCode(zip)))
                .extracting(Violation::field, Violation::kind)
                .containsExactly(tuple("address.zip", Violation.Kind.INVALID));
    }
}
