package dev.enroll.application.port.in;

import dev.enroll.domain.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The input broke one or more rules; every violation found is listed, not only the first. There
 * is always at least one, so that a question about all of them, such as {@link #onlyInvalidStateCode()},
 * is never answered "yes" about none.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** @throws IllegalArgumentException when {@code violations} is empty */
    public InvalidInputException(List<Violation> violations) {
        super(describe(violations), null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** True when every problem is a bad state code: the API has an error code of its own for that. */
    public boolean onlyInvalidStateCode() {
        return violations.stream().allMatch(v -> v.kind() == Violation.Kind.INVALID_STATE_CODE);
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "));
    }
}
