package dev.enroll.adapter.http;

/** A request body that is not declared as the UTF-8 JSON type the route reads. */
final class UnsupportedMediaTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnsupportedMediaTypeException() {
        this("application/json");
    }

    UnsupportedMediaTypeException(String mediaType) {
        super("The request body must be sent with Content-Type: " + mediaType, null, false, false);
    }
}
