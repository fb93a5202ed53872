package dev.enroll.application.port.in;

import dev.enroll.domain.user.User;
import java.util.Objects;

/** The user a create call answers with, and whether it was made now or already existed. */
public record CreateUserResult(User user, boolean created) {
    public CreateUserResult {
        Objects.requireNonNull(user, "user");
    }
}
