package dev.enroll.adapter.http;

import java.util.Objects;

/** One invalid field of a request, named as the API spells it ({@code address.state}); never its value. */
record FieldError(String field, String message) {

    static final String UNKNOWN = "is not a known field";
    /** The same of a CSV column: its name is the client's text too (a header row left out: a row of data). */
    static final String UNKNOWN_COLUMN = "is not a known column";
    /** A field name is the client's text: an answer quotes at most this much of it. */
    static final int MAX_FIELD_LENGTH = 64;

    FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        if (field.length() > MAX_FIELD_LENGTH) {
            field = field.substring(0, Character.isHighSurrogate(field.charAt(MAX_FIELD_LENGTH - 1))
                    ? MAX_FIELD_LENGTH - 1 : MAX_FIELD_LENGTH) + "…";
        }
    }

    static FieldError unknown(String field) {
        return new FieldError(field, UNKNOWN);
    }

    boolean isUnknownField() {
        return UNKNOWN.equals(message) || UNKNOWN_COLUMN.equals(message);
    }
}
