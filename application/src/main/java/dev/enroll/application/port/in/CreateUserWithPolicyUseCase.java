package dev.enroll.application.port.in;

/** Register a user with a policy; phone + policy number is unique within the contributor. */
public interface CreateUserWithPolicyUseCase {
    CreateUserResult createWithPolicy(CreateUserWithPolicyCommand command);
}
