package dev.enroll.adapter.http;

/** A request body that is not declared as UTF-8 JSON. */
final class UnsupportedMediaTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnsupportedMediaTypeException() {
        super("The request body must be sent with Content-Type: application/json", null, false, false);
    }
}
