package dev.enroll.domain;

import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvariantsTest {

    @Test
    void passesWhenEveryCheckPassed() {
        assertThatCode(() -> Invariants.check(null, null)).doesNotThrowAnyException();
    }

    @Test
    void reportsEveryViolationGivenNotOnlyTheFirst() {
        Violation first = Violation.invalid("firstName", "is required");
        Violation second = Violation.invalid("lastName", "is required");

        assertThat(violationsOf(() -> Invariants.check(first, null, second))).containsExactly(first, second);
    }

    @Test
    void anExceptionWithoutViolationsCannotBeMade() {
        assertThatThrownBy(() -> new InvalidValueException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMessageNamesFieldsAndReasons() {
        InvalidValueException e = new InvalidValueException(List.of(Violation.invalid("phone", "is required"),
                Violation.invalid("email", "is bad")));

        assertThat(e).hasMessage("phone: is required; email: is bad");
    }
}
