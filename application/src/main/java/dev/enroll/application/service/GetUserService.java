package dev.enroll.application.service;

import dev.enroll.application.port.in.GetUserQuery;
import dev.enroll.application.port.in.GetUserUseCase;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.User;

/** Reads one of the contributor's users. */
public final class GetUserService implements GetUserUseCase {

    private final UserLookup lookup;

    public GetUserService(UserRepository users) {
        this.lookup = new UserLookup(users);
    }

    @Override
    public User get(GetUserQuery query) {
        return lookup.require(query.contributor(), query.userId());
    }
}
