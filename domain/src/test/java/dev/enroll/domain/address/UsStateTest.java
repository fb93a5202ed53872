package dev.enroll.domain.address;

import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.enroll.domain.Violation;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsStateTest {

    /** Written out, not derived from the enum, so that dropping a code fails here. */
    private static final String[] ACCEPTED = {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
        "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "DC",
        "PR", "GU", "VI", "AS", "MP",
        "AA", "AE", "AP"
    };

    @Test
    void knowsExactlyTheFiftyStatesDcTheFiveTerritoriesAndTheThreeMilitaryCodes() {
        assertThat(UsState.values()).extracting(UsState::name).containsExactlyInAnyOrder(ACCEPTED);
        assertThat(ACCEPTED).hasSize(50 + 1 + 5 + 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
        "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        "DC", "PR", "GU", "VI", "AS", "MP", "AA", "AE", "AP"
    })
    void parsesEveryCodeInAnyCase(String code) {
        assertThat(UsState.parse(code).name()).isEqualTo(code);
        assertThat(UsState.parse(code.toLowerCase(Locale.ROOT)).name()).isEqualTo(code);
        assertThat(UsState.parse(" " + code.charAt(0) + Character.toLowerCase(code.charAt(1)) + " ").name())
                .isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "C", "CAL", "California", "C4", "UK", "ON", "--"})
    void anUnknownCodeIsAnInvalidStateCode(String code) {
        assertThat(violationsOf(() -> UsState.parse(code)))
                .extracting(Violation::field, Violation::kind)
                .containsExactly(tuple("address.state",
                        Violation.Kind.INVALID_STATE_CODE));
    }

    @Test
    void aMissingCodeIsAnOrdinaryInvalidParameter() {
        assertThat(violationsOf(() -> UsState.parse(" ")))
                .extracting(Violation::field, Violation::reason, Violation::kind)
                .containsExactly(tuple("address.state", "is required",
                        Violation.Kind.INVALID));
    }
}
