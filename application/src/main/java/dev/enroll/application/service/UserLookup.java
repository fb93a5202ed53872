package dev.enroll.application.service;

import dev.enroll.application.port.in.UserNotFoundException;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;

/** Finds a contributor's user by the id text from a URL; anything else is simply "not found". */
final class UserLookup {

    private final UserRepository users;

    UserLookup(UserRepository users) {
        this.users = users;
    }

    User require(ContributorId contributor, String userId) {
        UserId id;
        try {
            id = UserId.parse(userId);
        } catch (InvalidValueException e) {
            // A malformed id cannot name a user: same answer as an unknown one.
            throw new UserNotFoundException();
        }
        return users.findById(contributor, id).orElseThrow(UserNotFoundException::new);
    }
}
