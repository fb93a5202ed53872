package dev.enroll.application.service;

import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.domain.Text;
import dev.enroll.domain.Violation;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.policy.PolicyNumber;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;

/** Turns raw policy input into a {@link Policy}, applying the contributor's date rule. */
final class PolicyAssembler {

    /** The policy's field in the domain model; its parts are {@code policy.number}, {@code policy.startDate}, ... */
    static final String FIELD = "policy";

    private final ContributorSettings settings;

    PolicyAssembler(ContributorSettings settings) {
        this.settings = settings;
    }

    /** The policy, or {@code null} after noting every violation. */
    Policy assemble(PolicyInput input, ContributorId contributor, Violations violations) {
        if (input == null) {
            violations.add(Violation.invalid(FIELD, "is required"));
            return null;
        }
        Violations own = new Violations();
        PolicyNumber number = own.attempt(() -> new PolicyNumber(input.policyNumber()));
        boolean datesRequired = !settings.mayOmitPolicyDates(contributor);
        Instant start = date(input.startDate(), "startDate", datesRequired, own);
        Instant end = date(input.endDate(), "endDate", datesRequired, own);
        Policy policy = own.any() ? null : own.attempt(() -> new Policy(number, start, end));
        own.addTo(violations);
        return policy;
    }

    private static Instant date(String text, String name, boolean required, Violations violations) {
        if (Text.optional(text) == null) {
            if (required) {
                violations.add(Violation.invalid(FIELD + "." + name, "is required"));
            }
            return null;
        }
        return violations.attempt(() -> InstantParser.parse(FIELD + "." + name, text));
    }
}
