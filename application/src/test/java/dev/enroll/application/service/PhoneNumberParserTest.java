package dev.enroll.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberParserTest {

    @Test
    void acceptsTheReferenceExampleThoughNoSuchNumberIsAssigned() {
        assertThat(PhoneNumberParser.parse("+15556667777").value()).isEqualTo("+15556667777");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+442071838750", "+4915123456789", "+61412345678", "+12025550143"})
    void acceptsPossibleNumbersOfAnyCountry(String phone) {
        assertThat(PhoneNumberParser.parse(phone).value()).isEqualTo(phone);
    }

    @ParameterizedTest
    @CsvSource({"+115556667777, +15556667777", "+4402071838750, +442071838750"})
    void dropsATrunkPrefixAfterTheCountryCodeSoOneLineIsOneIdentity(String sent, String stored) {
        // Partners see the normalised number in the answer; uniqueness is decided on it too.
        assertThat(PhoneNumberParser.parse(sent).value()).isEqualTo(stored);
    }

    @Test
    void trimsSurroundingSpace() {
        assertThat(PhoneNumberParser.parse("  +15556667777 ").value()).isEqualTo("+15556667777");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 555 666 7777", "+1-555-666-7777", "+1 (555) 666-7777", "(555) 666-7777",
        "5556667777", "15556667777", "555-666-7777", "+1.555.666.7777", "tel:+15556667777", "+1555666777x1",
        "+\uFF11\uFF15\uFF15\uFF15\uFF16\uFF16\uFF16\uFF17\uFF17\uFF17\uFF17"})
    void refusesAnythingButE164(String phone) {
        assertThat(reasonFor(phone)).isEqualTo("must be in E.164 format, e.g. +15556667777");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1555666777", "+155566677771", "+4412"})
    void refusesNumbersOfImpossibleLengthForTheirCountry(String phone) {
        assertThat(reasonFor(phone)).isEqualTo("is not a possible phone number for its country code");
    }

    @Test
    void refusesAnUnknownCountryCode() {
        assertThatThrownBy(() -> PhoneNumberParser.parse("+9995556667777")).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aMissingNumberIsRequired(String phone) {
        assertThat(reasonFor(phone)).isEqualTo("is required");
    }

    private static String reasonFor(String phone) {
        try {
            PhoneNumberParser.parse(phone);
        } catch (InvalidValueException e) {
            assertThat(e.violations()).extracting(Violation::field).containsExactly("phone");
            return e.violations().get(0).reason();
        }
        throw new AssertionError(phone + " was accepted");
    }
}
