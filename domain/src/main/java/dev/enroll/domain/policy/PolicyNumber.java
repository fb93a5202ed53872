package dev.enroll.domain.policy;

import static dev.enroll.domain.Invariants.check;
import static dev.enroll.domain.Text.required;
import static dev.enroll.domain.Text.trimmed;

/** An insurance policy's number as the partner issued it: trimmed, 1-64 characters, compared exactly. */
public record PolicyNumber(String value) {

    public static final int MAX_LENGTH = 64;

    public PolicyNumber {
        value = trimmed(value);
        check(required("policy.number", value, MAX_LENGTH));
    }
}
