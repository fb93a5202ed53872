package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Create a user for {@code contributor}; with {@code returnExisting}, a matching user is returned instead of a conflict. */
public record CreateUserCommand(ContributorId contributor, UserInput user, boolean returnExisting) {
    public CreateUserCommand {
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(user, "user");
    }
}
