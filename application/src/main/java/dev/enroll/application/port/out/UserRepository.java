package dev.enroll.application.port.out;

import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
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
}
