package dev.enroll.domain;

/**
 * Checks shared by the free-text values: trimmed, never blank when present, bounded in length,
 * and free of control characters. Every such value is a single line for a person to read, and
 * one of them (NUL) cannot even be stored in PostgreSQL. Nor may it hold the explicit text
 * direction controls (embeddings, overrides, isolates), which make a value read otherwise than
 * it is stored; a required value needs a character one can see, not only spaces (no-break
 * ones included) or invisible formatting characters.
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
        if (hasDirectionControl(value)) {
            return Violation.invalid(field, "must not contain text direction controls");
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

    /** U+202A–U+202E and U+2066–U+2069; the marks (U+200E, U+200F) stay allowed, as some names need them. */
    private static boolean hasDirectionControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '\u202A' && (c <= '\u202E' || c >= '\u2066' && c <= '\u2069')) {
                return true;
            }
        }
        return false;
    }

    /** Null when fine, else the violation for a missing value, one with nothing to see, or one over {@code max}. */
    public static Violation required(String field, String value, int max) {
        if (value == null || !hasVisibleCharacter(value)) {
            return Violation.invalid(field, "is required");
        }
        return tooLong(field, value, max);
    }

    /** Anything but spaces of any kind, formatting characters (zero-width ones) and controls. */
    private static boolean hasVisibleCharacter(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                    && Character.getType(c) != Character.FORMAT) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }
}
