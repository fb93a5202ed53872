package dev.enroll.application.port.in;

/** The user is not at a version the request allowed (If-Match); nothing was written. */
public final class PreconditionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException() {
        super("The user has changed since the version the request names", null, false, false);
    }
}
