package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Attach a policy to a user, or replace the one it has. */
public record UpdatePolicyCommand(ContributorId contributor, String userId, PolicyInput policy) {
    public UpdatePolicyCommand {
        Objects.requireNonNull(contributor, "contributor");
    }
}
