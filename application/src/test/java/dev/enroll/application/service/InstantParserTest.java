package dev.enroll.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Violation;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantParserTest {

    private static final Instant NEW_YEAR = Instant.parse("2024-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00Z", "2024-01-01T02:00:00+02:00",
        "2023-12-31T19:00:00.000-05:00", " 2024-01-01T00:00:00.000Z ", "2024-01-01t00:00:00z"})
    void readsAnInstantWithOrWithoutMillisInUtcOrAnOffset(String text) {
        assertThat(InstantParser.parse("policyInfo.startDate", text)).isEqualTo(NEW_YEAR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T00:00:00.123Z", "2024-01-01T01:00:00.123+01:00"})
    void keepsMilliseconds(String text) {
        assertThat(InstantParser.parse("endDate", text)).isEqualTo(NEW_YEAR.plusMillis(123));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00.000", "2024-13-01T00:00:00Z",
        "01/01/2024", "1704067200000", "2024-01-01 00:00:00Z", "yesterday"})
    void refusesWhatNamesNoSingleInstantNamingTheField(String text) {
        assertThat(refusal("policyInfo.endDate", text).reason()).contains("2024-01-01T00:00:00.000Z");
    }

    /**
     * RFC 3339, as the OpenAPI document's date-time says: wider forms Java's ISO parser reads are
     * refused; so are a leap second and a tenth fraction digit, which RFC 3339 allows and
     * {@code java.time} cannot hold.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T00:00Z", "2024-01-01T00:00:00+02", "2024-01-01T00:00:00.Z",
        "2024-01-01T00:00:00+02:00:30", "2024-01-01T00:00:00+0200", "2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z",
        "2024-01-01T00:00:00.1234567890Z", "2016-12-31T23:59:60Z"})
    void refusesWhatIsNotAnRfc3339DateTimeJavaCanHoldNamingTheField(String text) {
        assertThat(refusal("policyInfo.startDate", text).reason()).contains("2024-01-01T00:00:00.000Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-01T00:00:00.1Z", "2024-01-01T00:00:00.100000000Z", "2024-01-01T05:30:00.1+05:30"})
    void readsOneToNineFractionDigits(String text) {
        assertThat(InstantParser.parse("startDate", text)).isEqualTo(NEW_YEAR.plusMillis(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+300000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59.999Z",
        "-0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00"})
    void refusesYearsOutsideFourDigitsNamingTheField(String text) {
        assertThat(refusal("policyInfo.startDate", text).reason()).isEqualTo("must be between years 0001 and 9999");
    }

    /** The one violation refusing {@code text}, which names {@code field}. */
    private static Violation refusal(String field, String text) {
        try {
            InstantParser.parse(field, text);
        } catch (InvalidValueException e) {
            assertThat(e.violations()).extracting(Violation::field).containsExactly(field);
            return e.violations().get(0);
        }
        throw new AssertionError(text + " was accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"})
    void acceptsTheFirstAndLastInstantOfTheRange(String text) {
        assertThat(InstantParser.parse("policyInfo.startDate", text)).isEqualTo(Instant.parse(text));
    }
}
