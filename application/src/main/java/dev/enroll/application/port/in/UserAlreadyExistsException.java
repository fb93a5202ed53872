package dev.enroll.application.port.in;

/** Another user of the same contributor already holds the identity (phone, email, phone + policy, or externalUserId). */
public final class UserAlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserAlreadyExistsException(String identity) {
        this("A user with the same " + identity + " already exists", true);
    }

    private UserAlreadyExistsException(String message, boolean unused) {
        super(message, null, false, false);
    }

    /** Two of a create's keys are held by two different users, so no one user is "the existing one". */
    public static UserAlreadyExistsException heldByDifferentUsers(String identity, String otherIdentity) {
        return new UserAlreadyExistsException("The " + identity + " and the " + otherIdentity
                + " belong to different existing users", true);
    }
}
