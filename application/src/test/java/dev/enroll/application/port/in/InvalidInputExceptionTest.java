package dev.enroll.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.domain.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {

    private static final Violation BAD_STATE = new Violation("address.state", "unknown",
            Violation.Kind.INVALID_STATE_CODE);
    private static final Violation BAD_ZIP = Violation.invalid("address.zip", "must be 12345 or 12345-6789");

    @Test
    void onlyABadStateCodeGetsItsOwnErrorCode() {
        assertThat(new InvalidInputException(List.of(BAD_STATE)).onlyInvalidStateCode()).isTrue();
        assertThat(new InvalidInputException(List.of(BAD_STATE, BAD_ZIP)).onlyInvalidStateCode()).isFalse();
        assertThat(new InvalidInputException(List.of(BAD_ZIP)).onlyInvalidStateCode()).isFalse();
    }

    @Test
    void theMessageListsEveryViolation() {
        assertThat(new InvalidInputException(List.of(BAD_STATE, BAD_ZIP)))
                .hasMessage("address.state: unknown; address.zip: must be 12345 or 12345-6789");
    }

    @Test
    void needsAtLeastOneViolationSoOnlyInvalidStateCodeIsNeverTrueOfNone() {
        assertThatThrownBy(() -> new InvalidInputException(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one violation");
    }

    @Test
    void keepsItsOwnCopyOfTheViolations() {
        List<Violation> violations = new ArrayList<>(List.of(BAD_STATE));
        InvalidInputException refused = new InvalidInputException(violations);

        violations.add(BAD_ZIP);

        assertThat(refused.violations()).containsExactly(BAD_STATE);
        assertThat(refused.onlyInvalidStateCode()).isTrue();
    }
}
