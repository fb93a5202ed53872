package dev.enroll.domain;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;

/** What a test needs to see of a refused value: the violations, which name the fields at fault. */
public final class Refusals {

    private Refusals() {
    }

    /** The violations {@code action} was refused with; fails the test when it was accepted instead. */
    public static List<Violation> violationsOf(Runnable action) {
        try {
            action.run();
        } catch (InvalidValueException e) {
            return e.violations();
        }
        return fail("expected the value to be refused, but it was accepted");
    }

    /** The fields named by the violations {@code action} was refused with, in order. */
    public static List<String> fieldsOf(Runnable action) {
        return violationsOf(action).stream().map(Violation::field).toList();
    }
}
