package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"+15556667777", "+442071838750", "+1234567", "+123456789012345"})
    void acceptsE164(String phone) {
        assertThat(new PhoneNumber(phone).value()).isEqualTo(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"15556667777", "+1 555 666 7777", "+1-555-666-7777", "(555) 666-7777", "+05556667777",
        "+123456", "+1234567890123456", "+1555666777x", " +15556667777"})
    void refusesAnythingButPlusAndSevenToFifteenDigits(String phone) {
        assertThat(violationsOf(() -> new PhoneNumber(phone))).extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("phone: must be in E.164 format, e.g. +15556667777");
    }

    @Test
    void refusesAMissingNumber() {
        assertThat(violationsOf(() -> new PhoneNumber(null))).extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("phone: is required");
    }

    @Test
    void doesNotPrintTheNumber() {
        assertThat(new PhoneNumber("+15556667777").toString()).doesNotContain("5556667777");
    }
}
