package dev.enroll.application.port.in;

/** Pages through a contributor's users in the order of their last change. */
public interface ListUsersUseCase {

    /** @throws InvalidInputException a parameter is malformed, or the cursor is not this contributor's */
    UserPage list(ListUsersQuery query);
}
