package dev.enroll.adapter.http;

/**
 * More requests are waiting than the server lets wait, or one waited past its deadline: 503 with
 * a short Retry-After, answered at once rather than queued without bound.
 */
final class OverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OverloadedException(String message) {
        super(message, null, false, false);
    }
}
