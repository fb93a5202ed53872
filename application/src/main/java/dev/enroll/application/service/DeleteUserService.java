package dev.enroll.application.service;

import dev.enroll.application.port.in.DeleteUserCommand;
import dev.enroll.application.port.in.DeleteUserUseCase;
import dev.enroll.application.port.in.UserNotFoundException;
import dev.enroll.application.port.out.DeleteOutcome;
import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.time.Clock;
import java.util.Optional;

/**
 * Erases a user, and then the answers idempotency keys keep about them, which hold their personal
 * data too. The erasure is made against the version read, like an update, so that an
 * {@code If-Match} condition checked on that version holds for what is actually erased.
 */
public final class DeleteUserService implements DeleteUserUseCase {

    private final UserRepository users;
    private final IdempotencyStore keptAnswers;
    private final Revision revision;
    private final Clock clock;

    public DeleteUserService(UserRepository users, IdempotencyStore keptAnswers, Clock clock) {
        this.users = users;
        this.keptAnswers = keptAnswers;
        this.revision = new Revision(users);
        this.clock = clock;
    }

    @Override
    public void delete(DeleteUserCommand command) {
        try {
            erase(command);
        } catch (UserNotFoundException gone) {
            // Perhaps erased by an earlier attempt that failed before forgetting: forget now.
            forgetAnswersAbout(command);
            throw gone;
        }
        forgetAnswersAbout(command);
    }

    private void erase(DeleteUserCommand command) {
        revision.onVersionRead(command.contributor(), command.userId(), command.condition(), current -> {
            DeleteOutcome outcome = users.delete(current.contributor(), current.id(), current.version(),
                    clock.instant());
            return switch (outcome) {
                case DELETED -> Optional.of(current);
                case NOT_FOUND -> throw new UserNotFoundException();
                case VERSION_CONFLICT -> Optional.<User>empty();
            };
        });
    }

    private void forgetAnswersAbout(DeleteUserCommand command) {
        UserId id;
        try {
            id = UserId.parse(command.userId());
        } catch (InvalidValueException e) {
            return; // A malformed id names no user, and no answer is about it.
        }
        keptAnswers.forget(command.contributor(), id);
    }
}
