package dev.enroll.application.port.out;

import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where users live. The identity decisions are the store's: it checks and writes in one atomic
 * step, so that no interleaving of requests, on one server or many, can create a duplicate.
 * Every operation is scoped to one contributor; another contributor's users are invisible.
 * Any operation may throw {@link StoreUnavailableException}.
 */
public interface UserRepository {

    /**
     * Inserts {@code user} unless another user of the contributor holds one of {@code keys}
     * (checked in the order given; the first key held wins), or already has its partner code.
     */
    InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys);

    /**
     * Replaces the stored user with {@code user} if the stored one still has
     * {@code expectedVersion} and no other user of the contributor holds one of {@code keys}.
     */
    UpdateOutcome updateUnlessIdentityTaken(User user, long expectedVersion, List<IdentityKey> keys);

    Optional<User> findById(ContributorId contributor, UserId id);

    /**
     * A user of the contributor holding {@code key}; when several do (users with policies share
     * a phone), the one with the lowest id.
     */
    Optional<User> holderOf(ContributorId contributor, IdentityKey key);

    /**
     * Erases the user if the stored one still has {@code expectedVersion}: its row, and with it
     * every personal value and identity it held, is gone, and a tombstone (id, contributor,
     * {@code deleted}) takes its place in the change feed, in the same atomic step.
     */
    DeleteOutcome delete(ContributorId contributor, UserId id, long expectedVersion, Instant deleted);

    /**
     * The contributor's changes that {@code filter} matches and whose sequence is above
     * {@code afterSequence}, at most {@code limit} of them, in sequence order: each user's
     * latest state once, or its tombstone. A store lists only sequences whose writes have all
     * ended, so paging by the last one seen never skips a change that commits later
     * (docs/persistence.md).
     */
    List<UserChange> changes(ContributorId contributor, UserFilter filter, long afterSequence, int limit);

    /**
     * Whether every page of {@link #changes} with {@code filter} stops at settled numbers, so that
     * paging on from its last one under any other filter skips nothing. A store may let a page
     * skip the wait where the filter's own values make their writers take turns; such a page's
     * last number is safe only for a listing with the same identity values
     * ({@link UserFilter#identityValues()}), and the list ties its cursor to them.
     */
    boolean settlesPagesOf(UserFilter filter);
}
