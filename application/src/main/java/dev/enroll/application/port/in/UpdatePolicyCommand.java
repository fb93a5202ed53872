package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Attach a policy to a user, or replace the one it has. */
public record UpdatePolicyCommand(ContributorId contributor, String userId, PolicyInput policy,
                                  VersionCondition condition) {
    public UpdatePolicyCommand {
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(condition, "condition");
    }

    /** Without a condition on the user's version. */
    public UpdatePolicyCommand(ContributorId contributor, String userId, PolicyInput policy) {
        this(contributor, userId, policy, VersionCondition.NONE);
    }
}
