package dev.enroll.application.port.in;

import dev.enroll.domain.user.User;

/** Change a user's details; phone and email may not move onto values another user holds. */
public interface UpdateUserUseCase {
    User update(UpdateUserCommand command);
}
