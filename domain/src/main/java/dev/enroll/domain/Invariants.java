package dev.enroll.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Gathers every violation of one value before failing, so a caller sees them all at once. */
public final class Invariants {

    private Invariants() {
    }

    /** Throws one {@link InvalidValueException} carrying every non-null violation given. */
    public static void check(Violation... violations) {
        List<Violation> found = new ArrayList<>(violations.length);
        Arrays.stream(violations).filter(Objects::nonNull).forEach(found::add);
        if (!found.isEmpty()) {
            throw new InvalidValueException(found);
        }
    }
}
