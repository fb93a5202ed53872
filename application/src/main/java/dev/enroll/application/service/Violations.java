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

    /** The violations found so far, with the field prefix {@code from} replaced by {@code to}. */
    List<Violation> renamed(String from, String to) {
        return found.stream()
                .map(v -> v.field().startsWith(from)
                        ? new Violation(to + v.field().substring(from.length()), v.reason(), v.kind())
                        : v)
                .toList();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
