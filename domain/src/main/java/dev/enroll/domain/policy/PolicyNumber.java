package dev.enroll.domain.policy;

import static dev.enroll.domain.Invariants.check;
import static dev.enroll.domain.Text.required;
import static dev.enroll.domain.Text.trimmed;
import static dev.enroll.domain.Text.unprintable;

import dev.enroll.domain.Violation;

/**
 * An insurance policy's number as the partner issued it: trimmed, 1-64
 * {@linkplain dev.enroll.domain.Text#printable printable} characters, compared exactly. It is half
 * of a policy holder's identity, so an invisible character must not make a second one.
 */
public record PolicyNumber(String value) {

    public static final int MAX_LENGTH = 64;

    public PolicyNumber {
        value = trimmed(value);
        Violation invalid = required("policy.number", value, MAX_LENGTH);
        check(invalid != null ? invalid : unprintable("policy.number", value));
    }
}
