package dev.enroll.application.port.in;

/** Another user of the same contributor already holds the identity (phone, email, or phone + policy). */
public final class UserAlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserAlreadyExistsException(String identity) {
        super("A user with the same " + identity + " already exists", null, false, false);
    }
}
