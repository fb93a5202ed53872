package dev.enroll.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyAssemblerTest {

    private static final ContributorId STRICT = new ContributorId("strict");
    private static final ContributorId LENIENT = new ContributorId("lenient");

    private final PolicyAssembler policies = new PolicyAssembler(LENIENT::equals);

    @Test
    void turnsValidInputIntoAPolicy() {
        Policy policy = assemble(new PolicyInput(" POL-1 ", "2024-01-01T00:00:00.000Z", "2025-01-01T02:00:00+02:00"),
                STRICT);

        assertThat(policy.number().value()).isEqualTo("POL-1");
        assertThat(policy.startDate()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(policy.endDate()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void datesAreRequiredByDefault() {
        assertThat(refusals(new PolicyInput("POL-1", null, " "), STRICT))
                .containsExactly("policy.startDate: is required", "policy.endDate: is required");
    }

    @Test
    void aContributorAllowedToOmitDatesMayDoSo() {
        Policy policy = assemble(new PolicyInput("POL-1", null, null), LENIENT);

        assertThat(policy.startDate()).isNull();
        assertThat(policy.endDate()).isNull();
    }

    @Test
    void datesAContributorMayOmitAreStillCheckedWhenGiven() {
        assertThat(refusals(new PolicyInput("POL-1", "2024-01-01", null), LENIENT))
                .extracting(text -> text.substring(0, text.indexOf(':')))
                .containsExactly("policy.startDate");
    }

    @Test
    void reportsEveryMistakeAtOnce() {
        assertThat(refusals(new PolicyInput("", "2024-01-01", "tomorrow"), STRICT))
                .extracting(text -> text.substring(0, text.indexOf(':')))
                .containsExactly("policy.number", "policy.startDate", "policy.endDate");
    }

    @Test
    void aPolicyMustStartBeforeItEnds() {
        assertThat(refusals(new PolicyInput("POL-1", "2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z"), STRICT))
                .containsExactly("policy.endDate: must be after startDate");
    }

    @Test
    void aMissingPolicyIsRequired() {
        assertThat(refusals(null, STRICT)).containsExactly("policy: is required");
    }

    private Policy assemble(PolicyInput input, ContributorId contributor) {
        Violations violations = new Violations();
        Policy policy = policies.assemble(input, contributor, violations);
        violations.throwIfAny();
        return policy;
    }

    /** "field: reason" for every violation the input was refused with. */
    private List<String> refusals(PolicyInput input, ContributorId contributor) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> assemble(input, contributor));
        assertThat(refused).as("refused").isNotNull();
        return refused.violations().stream().map(v -> v.field() + ": " + v.reason()).toList();
    }
}
