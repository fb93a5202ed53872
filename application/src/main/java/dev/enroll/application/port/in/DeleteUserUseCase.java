package dev.enroll.application.port.in;

/** Erases a user: its personal data is gone, its identities free, and a tombstone tells syncing partners. */
public interface DeleteUserUseCase {

    /**
     * @throws UserNotFoundException no such user of the contributor
     * @throws PreconditionFailedException the user is not at a version the command allows
     */
    void delete(DeleteUserCommand command);
}
