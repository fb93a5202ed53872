package dev.enroll.domain.policy;

import dev.enroll.domain.InvalidValueException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The policy a user holds. Dates are optional here (some partners may leave them out);
 * when both are given the policy must start before it ends. Dates keep millisecond
 * precision, the precision of the wire format, so that every store round-trips them exactly.
 */
public record Policy(PolicyNumber number, Instant startDate, Instant endDate) {

    public Policy {
        Objects.requireNonNull(number, "number");
        startDate = startDate == null ? null : startDate.truncatedTo(ChronoUnit.MILLIS);
        endDate = endDate == null ? null : endDate.truncatedTo(ChronoUnit.MILLIS);
        if (startDate != null && endDate != null && !startDate.isBefore(endDate)) {
            throw new InvalidValueException("policy.endDate", "must be after startDate");
        }
    }
}
