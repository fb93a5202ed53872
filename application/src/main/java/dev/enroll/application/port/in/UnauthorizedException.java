package dev.enroll.application.port.in;

/** Unknown, wrong, mismatched or disabled credentials. Deliberately says no more than that. */
public final class UnauthorizedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException() {
        super("Invalid or missing credentials", null, false, false);
    }
}
