package dev.enroll.domain;

import java.util.Objects;

/**
 * One reason a value was refused, named by the field's path in the domain model
 * ({@code address.state}, {@code policy.endDate}); an adapter maps it to its own spelling. The
 * field name never carries the refused value: violations end up in logs and responses.
 */
public record Violation(String field, String reason, Kind kind) {

    /** What the API needs to tell apart: a bad state code has an error code of its own. */
    public enum Kind { INVALID, INVALID_STATE_CODE }

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
    }

    public static Violation invalid(String field, String reason) {
        return new Violation(field, reason, Kind.INVALID);
    }
}
