package dev.enroll.adapter.http;

import java.util.List;

/**
 * The request is not the shape the API reads: not JSON, not an object, a field of the wrong type,
 * a field the API does not know, a bad query parameter. Found before any use case runs.
 */
final class MalformedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    MalformedRequestException(List<FieldError> errors) {
        super("malformed request", null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a malformed request has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    MalformedRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    List<FieldError> errors() {
        return errors;
    }
}
