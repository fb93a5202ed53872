package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Update some of a user's details; {@code userId} is raw text from the path. */
public record UpdateUserCommand(ContributorId contributor, String userId, UserPatch patch,
                                VersionCondition condition) {
    public UpdateUserCommand {
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(condition, "condition");
    }

    /** Without a condition on the user's version. */
    public UpdateUserCommand(ContributorId contributor, String userId, UserPatch patch) {
        this(contributor, userId, patch, VersionCondition.NONE);
    }
}
