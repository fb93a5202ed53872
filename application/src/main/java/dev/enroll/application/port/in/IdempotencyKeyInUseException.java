package dev.enroll.application.port.in;

/** An idempotency key in use: A request with this Idempotency-Key is still running; retry once it has finished. */
public final class IdempotencyKeyInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyInUseException() {
        super("A request with this Idempotency-Key is still running; retry once it has finished", null, false, false);
    }
}
