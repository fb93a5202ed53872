package dev.enroll.domain.user;

import dev.enroll.domain.InvalidValueException;

/**
 * The partner's own key for a user (its customer number, say): unique within the contributor, so
 * a partner can find its user by it. Kept and compared exactly as sent: it is the partner's
 * identifier, not text for a person, so no trimming and no case folding. 1 to 128 printable
 * characters: no control, format, surrogate, private-use or unassigned code points, which could
 * make two keys look alike, or not survive a round trip through another system.
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
        if (!value.codePoints().allMatch(ExternalUserId::printable)) {
            throw new InvalidValueException(FIELD, "must contain printable characters only");
        }
    }

    private static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    @Override
    public String toString() {
        return "ExternalUserId[redacted]";
    }
}
