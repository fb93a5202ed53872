package dev.enroll.application.port.in;

/** Register a user; phone and email are each unique within the contributor. */
public interface CreateUserUseCase {
    CreateUserResult create(CreateUserCommand command);
}
