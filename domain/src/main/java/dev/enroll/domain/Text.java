package dev.enroll.domain;

/**
 * Checks shared by the free-text values: trimmed, never blank when present, bounded in length,
 * and free of control characters. Every such value is a single line for a person to read, and
 * one of them (NUL) cannot even be stored in PostgreSQL.
 */
public final class Text {

    private Text() {
    }

    /** Trims; {@code null} stays {@code null}. */
    public static String trimmed(String value) {
        return value == null ? null : value.strip();
    }

    /** Trims and turns a blank value into {@code null}: "nothing given" has one spelling. */
    public static String optional(String value) {
        String trimmed = trimmed(value);
        return trimmed == null || trimmed.isEmpty() ? null : trimmed;
    }

    /** Null when fine, else the violation for a value with control characters or over {@code max}. */
    public static Violation tooLong(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (hasControlCharacter(value)) {
            return Violation.invalid(field, "must not contain control characters");
        }
        if (value.codePointCount(0, value.length()) > max) {
            return Violation.invalid(field, "must be at most " + max + " characters");
        }
        return null;
    }

    /** The C0 controls and DEL, as {@code \p{Cntrl}}: a loop, because every free-text field of every request passes here. */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** Null when fine, else the violation for a missing or blank value, or one over {@code max}. */
    public static Violation required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return Violation.invalid(field, "is required");
        }
        return tooLong(field, value, max);
    }
}
