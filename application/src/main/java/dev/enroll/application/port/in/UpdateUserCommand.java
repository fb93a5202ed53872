package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Update some of a user's details; {@code userId} is raw text from the path. */
public record UpdateUserCommand(ContributorId contributor, String userId, UserPatch patch) {
    public UpdateUserCommand {
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(patch, "patch");
    }
}
