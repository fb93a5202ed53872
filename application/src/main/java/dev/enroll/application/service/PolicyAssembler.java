package dev.enroll.application.service;

import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.domain.Violation;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.policy.PolicyNumber;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;

/** Turns raw policy input into a {@link Policy}, applying the contributor's date rule. */
final class PolicyAssembler {

    /** Field names as the create-with-policy body nests them. */
    static final String NESTED = "policyInfo.";

    private final ContributorSettings settings;

    PolicyAssembler(ContributorSettings settings) {
        this.settings = settings;
    }

    /**
     * The policy, or {@code null} after noting every violation. Field names start with
     * {@code prefix} ({@code policyInfo.} for a nested object, empty for a flat body).
     */
    Policy assemble(PolicyInput input, ContributorId contributor, String prefix, Violations violations) {
        if (input == null) {
            violations.add(Violation.invalid(NESTED.equals(prefix) ? "policyInfo" : "body", "is required"));
            return null;
        }
        Violations own = new Violations();
        PolicyNumber number = own.attempt(() -> new PolicyNumber(input.policyNumber()));
        boolean datesRequired = !settings.mayOmitPolicyDates(contributor);
        Instant start = date(input.startDate(), "startDate", datesRequired, own);
        Instant end = date(input.endDate(), "endDate", datesRequired, own);
        Policy policy = own.any() ? null : own.attempt(() -> new Policy(number, start, end));
        own.renamed(NESTED, prefix).forEach(violations::add);
        return policy;
    }

    private static Instant date(String text, String name, boolean required, Violations violations) {
        if (text == null || text.isBlank()) {
            if (required) {
                violations.add(Violation.invalid(NESTED + name, "is required"));
            }
            return null;
        }
        return violations.attempt(() -> InstantParser.parse(NESTED + name, text));
    }
}
