package dev.enroll.adapter.http;

/** The request body's declared type is not one the route reads, or not in UTF-8 (415). */
final class UnsupportedMediaTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnsupportedMediaTypeException() {
        this("application/json");
    }

    UnsupportedMediaTypeException(String... accepted) {
        super("The request body must be sent with Content-Type: " + String.join(" or ", accepted), null, false,
                false);
    }
}
