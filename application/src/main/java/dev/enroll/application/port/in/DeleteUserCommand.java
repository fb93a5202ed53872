package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Erase one user of {@code contributor}; {@code userId} is raw text from the path. */
public record DeleteUserCommand(ContributorId contributor, String userId, VersionCondition condition) {
    public DeleteUserCommand {
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(condition, "condition");
    }
}
