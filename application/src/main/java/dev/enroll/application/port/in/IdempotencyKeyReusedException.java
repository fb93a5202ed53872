package dev.enroll.application.port.in;

/** An idempotency key reused: The Idempotency-Key was already used for a different request. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException() {
        super("The Idempotency-Key was already used for a different request", null, false, false);
    }
}
