package dev.enroll.domain.user;

import static dev.enroll.domain.Invariants.check;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Text;

/**
 * The partner's own key for a user (its customer number, say): unique within the contributor, so
 * a partner can find its user by it. Kept and compared exactly as sent: it is the partner's
 * identifier, not text for a person, so no trimming and no case folding. 1 to 128 characters of
 * an {@linkplain Text#identifier identifier}, neither first nor last a space.
 */
public record ExternalUserId(String value) {

    public static final int MAX_LENGTH = 128;
    public static final String FIELD = "externalUserId";

    public ExternalUserId {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(FIELD, "must be 1 to " + MAX_LENGTH + " characters");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValueException(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!value.equals(Text.trimmed(value))) {
            // Kept exactly, so not trimmed: "CRM-1 " would otherwise be a second key that looks like "CRM-1".
            throw new InvalidValueException(FIELD, "must not start or end with a space");
        }
        check(Text.identifier(FIELD, value));
    }

    @Override
    public String toString() {
        return "ExternalUserId[redacted]";
    }
}
