package dev.enroll.domain;

import java.util.List;
import java.util.stream.Collectors;

/** The one exception the domain raises for a value that breaks an invariant. */
public final class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidValueException(List<Violation> violations) {
        super(describe(violations), null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidValueException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidValueException(String field, String reason) {
        this(List.of(Violation.invalid(field, reason)));
    }

    public static InvalidValueException of(Violation violation) {
        return new InvalidValueException(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "));
    }
}
