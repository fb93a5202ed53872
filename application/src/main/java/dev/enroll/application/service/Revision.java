package dev.enroll.application.service;

import dev.enroll.application.port.in.ConcurrentUpdateException;
import dev.enroll.application.port.in.UserAlreadyExistsException;
import dev.enroll.application.port.in.UserNotFoundException;
import dev.enroll.application.port.in.VersionCondition;
import dev.enroll.application.port.out.IdentityTaken;
import dev.enroll.application.port.out.UpdateOutcome;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a stored user (an update, an erasure) with optimistic concurrency. When another request
 * changed the user in between, the change is worked out again on the fresh user and retried, so
 * concurrent partial updates of different fields both land and none overwrites the other, and a
 * version condition is always asked of the version the write is made against.
 *
 * <p>This is where the order of an update's answers is decided, for every kind of update: an
 * unknown user (404), then the version condition (412), then the change's own rules, which
 * {@code change} applies to the user as read (400, then 409 for an identity another user holds).
 * A precondition is asked before the request's content is worked on, as RFC 9110 (13.2.2) orders.
 */
final class Revision {

    private static final int ATTEMPTS = 5;

    /** A change of one user: the new user and the identity keys it newly claims, or nothing to do. */
    record Change(User revised, List<IdentityKey> claims) {
    }

    private final UserRepository users;
    private final UserLookup lookup;

    Revision(UserRepository users) {
        this.users = users;
        this.lookup = new UserLookup(users);
    }

    /**
     * Applies {@code change} to the user at {@code userId} if it is at a version {@code condition}
     * allows; the write is made against that very version, so a user changed in between is read
     * again and the condition asked again.
     */
    User apply(ContributorId contributor, String userId, VersionCondition condition,
               Function<User, Optional<Change>> change) {
        return onVersionRead(contributor, userId, condition, current -> {
            Optional<Change> planned = change.apply(current);
            if (planned.isEmpty()) {
                return Optional.of(current);
            }
            UpdateOutcome outcome = users.updateUnlessIdentityTaken(planned.get().revised(), current.version(),
                    planned.get().claims());
            if (outcome instanceof UpdateOutcome.Updated updated) {
                return Optional.of(updated.user());
            }
            if (outcome instanceof IdentityTaken taken) {
                throw new UserAlreadyExistsException(taken.key().describe());
            }
            if (outcome instanceof UpdateOutcome.NotFound) {
                throw new UserNotFoundException();
            }
            return Optional.empty();
        });
    }

    /**
     * Runs {@code write} on the user at {@code userId} as read, if {@code condition} allows its
     * version. {@code write} makes its change against that version and answers empty when the
     * user changed in between; the user is then read again and the condition asked again, a few
     * times at most.
     */
    <T> T onVersionRead(ContributorId contributor, String userId, VersionCondition condition,
                        Function<User, Optional<T>> write) {
        User current = lookup.require(contributor, userId);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            condition.require(current.version());
            Optional<T> written = write.apply(current);
            if (written.isPresent()) {
                return written.get();
            }
            current = users.findById(contributor, current.id()).orElseThrow(UserNotFoundException::new);
        }
        throw new ConcurrentUpdateException();
    }
}
