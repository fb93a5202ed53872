package dev.enroll.application.port.in;

import dev.enroll.domain.user.User;

/** Read a user back; another contributor's user is not found, exactly like an unknown id. */
public interface GetUserUseCase {
    User get(GetUserQuery query);
}
