package dev.enroll.domain.policy;

import static dev.enroll.domain.Refusals.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static final PolicyNumber NUMBER = new PolicyNumber("POL-1");
    private static final Instant JAN = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant DEC = Instant.parse("2024-12-31T23:59:59.999Z");

    @Test
    void holdsANumberAndAPeriod() {
        Policy policy = new Policy(NUMBER, JAN, DEC);

        assertThat(policy.startDate()).isEqualTo(JAN);
        assertThat(policy.endDate()).isEqualTo(DEC);
    }

    @Test
    void datesAreOptional() {
        assertThat(new Policy(NUMBER, null, null).startDate()).isNull();
        assertThat(new Policy(NUMBER, JAN, null).endDate()).isNull();
        assertThat(new Policy(NUMBER, null, DEC).startDate()).isNull();
    }

    @Test
    void mustStartBeforeItEnds() {
        assertThat(fieldsOf(() -> new Policy(NUMBER, DEC, JAN))).containsExactly("policy.endDate");
        assertThat(fieldsOf(() -> new Policy(NUMBER, JAN, JAN))).containsExactly("policy.endDate");
    }

    @Test
    void datesAreCutToMilliseconds() {
        Policy policy = new Policy(NUMBER, Instant.parse("2024-01-01T00:00:00.123999Z"),
                Instant.parse("2024-02-01T00:00:00.000000001Z"));

        assertThat(policy.startDate()).isEqualTo(Instant.parse("2024-01-01T00:00:00.123Z"));
        assertThat(policy.endDate()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
    }

    @Test
    void datesThatDifferOnlyBelowAMillisecondAreTheSameInstant() {
        // Truncation happens before the order check: this period is empty, hence refused.
        assertThat(fieldsOf(() -> new Policy(NUMBER, Instant.parse("2024-01-01T00:00:00.000100Z"),
                Instant.parse("2024-01-01T00:00:00.000900Z")))).containsExactly("policy.endDate");
    }
}
