package dev.enroll.adapter.http;

/** A request body over the size limit; refused before it is read in full. */
final class PayloadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(int limit) {
        super("The request body must be at most " + limit + " bytes", null, false, false);
    }
}
