package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Create a user holding a policy; identity is phone + policy number within the contributor. */
public record CreateUserWithPolicyCommand(ContributorId contributor, UserInput user, PolicyInput policy,
                                          boolean returnExisting) {
    public CreateUserWithPolicyCommand {
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(user, "user");
    }
}
