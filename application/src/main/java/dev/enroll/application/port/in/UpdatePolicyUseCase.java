package dev.enroll.application.port.in;

import dev.enroll.domain.user.User;

/** Attach or replace a user's policy; phone + policy number stays unique within the contributor. */
public interface UpdatePolicyUseCase {
    User updatePolicy(UpdatePolicyCommand command);
}
