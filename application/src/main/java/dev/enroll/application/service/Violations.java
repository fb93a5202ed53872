package dev.enroll.application.service;

import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every violation while input is turned into values, then fails once with all of them. */
final class Violations {

    private final List<Violation> found = new ArrayList<>();

    /** The value {@code factory} makes, or {@code null} after noting why it refused. */
    <T> T attempt(Supplier<T> factory) {
        try {
            return factory.get();
        } catch (InvalidValueException e) {
            found.addAll(e.violations());
            return null;
        }
    }

    void add(Violation violation) {
        found.add(violation);
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** Adds the violations found here to {@code others}. */
    void addTo(Violations others) {
        others.found.addAll(found);
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
