package dev.enroll.domain.policy;

import static dev.enroll.domain.Invariants.check;
import static dev.enroll.domain.Text.identifier;
import static dev.enroll.domain.Text.required;
import static dev.enroll.domain.Text.trimmed;

/**
 * An insurance policy's number as the partner issued it: trimmed, 1-64 characters of an
 * {@linkplain dev.enroll.domain.Text#identifier identifier}, compared exactly. It is half
 * of a policy holder's identity, so an invisible character must not make a second one.
 */
public record PolicyNumber(String value) {

    public static final int MAX_LENGTH = 64;

    public PolicyNumber {
        value = trimmed(value);
        check(required("policy.number", value, MAX_LENGTH));
        check(identifier("policy.number", value));
    }
}
