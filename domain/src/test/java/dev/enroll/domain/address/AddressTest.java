package dev.enroll.domain.address;

import static dev.enroll.domain.Refusals.fieldsOf;
import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.enroll.domain.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void buildsAFullAddressFromText() {
        Address address = Address.of(" 1 Main St ", "Apt 2", "Springfield", "il", "us", "62701-1234");

        assertThat(address).isEqualTo(new Address("1 Main St", "Apt 2", "Springfield", UsState.IL, "US",
                new ZipCode("62701-1234")));
    }

    @Test
    void onlyTheStateIsRequired() {
        Address address = Address.of(null, "  ", "", "TX", null, null);

        assertThat(address.addressLine1()).isNull();
        assertThat(address.addressLine2()).isNull();
        assertThat(address.city()).isNull();
        assertThat(address.zip()).isNull();
        assertThat(address.state()).isEqualTo(UsState.TX);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "US", "us", " Us "})
    void theCountryDefaultsToUsAndIsAlwaysUs(String country) {
        assertThat(Address.of(null, null, null, "CA", country, null).country()).isEqualTo("US");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CA", "USA", "MX", "United States"})
    void refusesAnyOtherCountry(String country) {
        assertThat(violationsOf(() -> Address.of(null, null, null, "CA", country, null)))
                .extracting(Violation::field, Violation::kind)
                .containsExactly(tuple("address.country", Violation.Kind.INVALID));
    }

    @Test
    void anUnknownStateIsAnInvalidStateCode() {
        assertThat(violationsOf(() -> Address.of("1 Main St", null, "Springfield", "ZZ", "US", "62701")))
                .extracting(Violation::field, Violation::kind)
                .containsExactly(tuple("address.state", Violation.Kind.INVALID_STATE_CODE));
    }

    @Test
    void aBadZipIsAnOrdinaryInvalidParameter() {
        assertThat(violationsOf(() -> Address.of(null, null, null, "CA", null, "9021")))
                .extracting(Violation::field, Violation::kind)
                .containsExactly(tuple("address.zip", Violation.Kind.INVALID));
    }

    @Test
    void linesHoldUpTo255CharactersAndTheCity100() {
        Address longest = Address.of("a".repeat(255), "b".repeat(255), "c".repeat(100), "CA", null, null);

        assertThat(longest.addressLine1()).hasSize(255);
        assertThat(fieldsOf(() -> Address.of("a".repeat(256), "b".repeat(256), "c".repeat(101), "CA", null, null)))
                .containsExactlyInAnyOrder("address.addressLine1", "address.addressLine2", "address.city");
    }

    @Test
    void reportsEveryBadPartAtOnceAndOnlyTheStateAsAStateCodeError() {
        assertThat(violationsOf(() -> Address.of("a".repeat(256), null, "c".repeat(101), "XX", "MX", "ABCDE")))
                .extracting(Violation::field, Violation::kind)
                .containsExactlyInAnyOrder(
                        tuple("address.state", Violation.Kind.INVALID_STATE_CODE),
                        tuple("address.zip", Violation.Kind.INVALID),
                        tuple("address.addressLine1", Violation.Kind.INVALID),
                        tuple("address.city", Violation.Kind.INVALID),
                        tuple("address.country", Violation.Kind.INVALID));
    }

    @Test
    void reportsTheOtherFieldsEvenWhenTheStateIsFine() {
        assertThat(fieldsOf(() -> Address.of(null, null, "c".repeat(101), "NY", "CA", "1")))
                .containsExactlyInAnyOrder("address.zip", "address.city", "address.country");
    }

    @Test
    void doesNotPrintTheStreet() {
        String printed = Address.of("1 Main St", "Apt 2", "Springfield", "IL", null, "62701").toString();

        assertThat(printed).contains("IL").doesNotContain("Main", "Apt", "Springfield", "62701");
    }
}
