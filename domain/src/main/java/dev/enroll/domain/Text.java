package dev.enroll.domain;

import java.util.regex.Pattern;

/**
 * Checks shared by the free-text values: trimmed, never blank when present, bounded in length,
 * and free of control characters. Every such value is a single line for a person to read, and
 * one of them (NUL) cannot even be stored in PostgreSQL.
 */
public final class Text {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

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
        if (value != null && CONTROL.matcher(value).find()) {
            return Violation.invalid(field, "must not contain control characters");
        }
        if (value != null && value.codePointCount(0, value.length()) > max) {
            return Violation.invalid(field, "must be at most " + max + " characters");
        }
        return null;
    }

    /** Null when fine, else the violation for a missing or blank value, or one over {@code max}. */
    public static Violation required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return Violation.invalid(field, "is required");
        }
        return tooLong(field, value, max);
    }
}
