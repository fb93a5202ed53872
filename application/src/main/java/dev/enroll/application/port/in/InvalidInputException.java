package dev.enroll.application.port.in;

import dev.enroll.domain.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The input broke one or more rules; every violation found is listed, not only the first. */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; ")),
                null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** True when every problem is a bad state code: the API has an error code of its own for that. */
    public boolean onlyInvalidStateCode() {
        return violations.stream().allMatch(v -> v.kind() == Violation.Kind.INVALID_STATE_CODE);
    }
}
