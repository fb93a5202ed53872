package dev.enroll.application.port.in;

/** The user is not at a version the request allowed (If-Match, If-None-Match); nothing was written. */
public final class PreconditionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PreconditionFailedException() {
        super("The user's current version is not one the request's If-Match or If-None-Match allows", null, false,
                false);
    }
}
