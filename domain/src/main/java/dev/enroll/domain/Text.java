package dev.enroll.domain;

import java.text.Normalizer;

/**
 * Checks shared by the free-text values: trimmed, never blank when present, bounded in length,
 * and free of control characters and line breaks. Every such value is a single line for a person
 * to read, and one of them (NUL) cannot even be stored in PostgreSQL. What tells people apart
 * (emails, policy numbers, the partner's own user ids) must also be an {@linkplain #identifier
 * identifier}: printable and composed, so that no two of them look alike.
 */
public final class Text {

    /** The reason a value not in Unicode's composed form is refused. */
    public static final String NOT_COMPOSED = "must be in Unicode normalization form C (NFC)";

    private Text() {
    }

    /**
     * Without the spaces around it, of every kind: a no-break space too, which spreadsheets put
     * at the end of cells and {@link String#strip()} keeps. {@code null} stays {@code null}.
     */
    public static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /** A space or line break of any kind: every one of them is in the Basic Multilingual Plane. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
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
            return Violation.invalid(field, "must not contain control characters or line breaks");
        }
        if (value.codePointCount(0, value.length()) > max) {
            return Violation.invalid(field, "must be at most " + max + " characters");
        }
        return null;
    }

    /**
     * The C0 and C1 controls, DEL, and the line and paragraph separators: a loop, because every
     * free-text field of every request passes here.
     */
    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a character may stand in an identifier: not a control, format (zero-width, bidi),
     * surrogate, private-use or unassigned code point, nor a space other than U+0020 or a line
     * break. Those make two identifiers that look alike differ, or do not survive a round trip
     * through another system.
     */
    private static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            case Character.SPACE_SEPARATOR -> codePoint == ' ';
            default -> true;
        };
    }

    /**
     * Null when fine, else the violation for an identifier with a character that is not
     * {@link #printable}, or one not in Unicode's composed form (NFC): {@code é} as one character
     * and as {@code e} with a combining accent look the same and would otherwise be two keys.
     */
    public static Violation identifier(String field, String value) {
        if (value == null || isPrintableAscii(value)) {
            return null; // the usual case, on every create: printable ASCII is composed too
        }
        if (!value.codePoints().allMatch(Text::printable)) {
            return Violation.invalid(field, "must contain printable characters only");
        }
        return composed(value) ? null : Violation.invalid(field, NOT_COMPOSED);
    }

    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} is in Unicode's composed form (NFC). */
    private static boolean composed(String value) {
        return Normalizer.isNormalized(value, Normalizer.Form.NFC);
    }

    /** Null when fine, else the violation for a missing or blank value, or one over {@code max}. */
    public static Violation required(String field, String value, int max) {
        if (optional(value) == null) {
            return Violation.invalid(field, "is required");
        }
        return tooLong(field, value, max);
    }
}
