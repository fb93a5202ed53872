package dev.enroll.application.service;

import dev.enroll.application.port.in.ConcurrentUpdateException;
import dev.enroll.application.port.in.DeleteUserCommand;
import dev.enroll.application.port.in.DeleteUserUseCase;
import dev.enroll.application.port.in.UserNotFoundException;
import dev.enroll.application.port.out.DeleteOutcome;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.User;
import java.time.Clock;

/**
 * Erases a user. The erasure is made against the version read, like an update, so that an
 * {@code If-Match} condition checked on that version holds for what is actually erased.
 */
public final class DeleteUserService implements DeleteUserUseCase {

    private static final int ATTEMPTS = 5;

    private final UserRepository users;
    private final UserLookup lookup;
    private final Clock clock;

    public DeleteUserService(UserRepository users, Clock clock) {
        this.users = users;
        this.lookup = new UserLookup(users);
        this.clock = clock;
    }

    @Override
    public void delete(DeleteUserCommand command) {
        User current = lookup.require(command.contributor(), command.userId());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            command.condition().require(current.version());
            DeleteOutcome outcome = users.delete(current.contributor(), current.id(), current.version(),
                    clock.instant());
            switch (outcome) {
                case DELETED -> {
                    return;
                }
                case NOT_FOUND -> throw new UserNotFoundException();
                case VERSION_CONFLICT -> current = users.findById(current.contributor(), current.id())
                        .orElseThrow(UserNotFoundException::new);
                default -> throw new IllegalStateException("unknown outcome " + outcome);
            }
        }
        throw new ConcurrentUpdateException();
    }
}
