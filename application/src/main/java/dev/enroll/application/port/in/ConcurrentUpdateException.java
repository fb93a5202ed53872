package dev.enroll.application.port.in;

/** The user kept changing under this update, retries included; the caller may try again. */
public final class ConcurrentUpdateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException() {
        super("The user was changed by another request at the same time; try again", null, false, false);
    }
}
