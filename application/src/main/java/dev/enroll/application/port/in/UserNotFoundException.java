package dev.enroll.application.port.in;

/** No such user for this contributor: unknown, malformed, or another contributor's id alike. */
public final class UserNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserNotFoundException() {
        super("User not found", null, false, false);
    }
}
