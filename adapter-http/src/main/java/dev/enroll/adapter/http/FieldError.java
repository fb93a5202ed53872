package dev.enroll.adapter.http;

import java.util.Objects;

/** One invalid field of a request, named as the API spells it ({@code address.state}); never its value. */
record FieldError(String field, String message) {
    FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
