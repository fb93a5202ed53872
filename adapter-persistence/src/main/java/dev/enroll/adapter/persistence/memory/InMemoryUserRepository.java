package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.IdentityTaken;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.UpdateOutcome;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Users in memory, for tests and for running without a database; nothing survives a restart.
 * Each contributor's users sit in their own map, and every write to it holds that map's lock,
 * so identity checks and writes are atomic per contributor while contributors never wait on
 * each other. Reads take the same lock: the maps are small, and it keeps them plain.
 */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<ContributorId, Map<UserId, User>> byContributor = new ConcurrentHashMap<>();
    @Override
    public InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys) {
        Map<UserId, User> users = usersOf(user.contributor());
        synchronized (users) {
            Optional<IdentityTaken> taken = firstTaken(users, keys, user.id());
            if (taken.isPresent()) {
                return taken.get();
            }
            boolean codeTaken = users.values().stream().anyMatch(u -> u.partnerCode().equals(user.partnerCode()));
            if (codeTaken) {
                return new InsertOutcome.PartnerCodeTaken();
            }
            if (users.containsKey(user.id())) {
                throw new IllegalStateException("user id generated twice");
            }
            users.put(user.id(), user);
            return new InsertOutcome.Inserted(user);
        }
    }

    @Override
    public UpdateOutcome updateUnlessIdentityTaken(User user, long expectedVersion, List<IdentityKey> keys) {
        Map<UserId, User> users = usersOf(user.contributor());
        synchronized (users) {
            User stored = users.get(user.id());
            if (stored == null) {
                return new UpdateOutcome.NotFound();
            }
            if (stored.version() != expectedVersion) {
                return new UpdateOutcome.VersionConflict();
            }
            Optional<IdentityTaken> taken = firstTaken(users, keys, user.id());
            if (taken.isPresent()) {
                return taken.get();
            }
            users.put(user.id(), user);
            return new UpdateOutcome.Updated(user);
        }
    }

    @Override
    public Optional<User> findById(ContributorId contributor, UserId id) {
        Map<UserId, User> users = byContributor.get(contributor);
        if (users == null) {
            return Optional.empty();
        }
        synchronized (users) {
            return Optional.ofNullable(users.get(id));
        }
    }

    /** What {@code work} answers, run on the contributor's users while holding their lock: for imports. */
    <T> T withUsersOf(ContributorId contributor, Function<Map<UserId, User>, T> work) {
        Map<UserId, User> users = usersOf(contributor);
        synchronized (users) {
            return work.apply(users);
        }
    }

    private Map<UserId, User> usersOf(ContributorId contributor) {
        return byContributor.computeIfAbsent(contributor, c -> new LinkedHashMap<>());
    }

    /** The first key, in the order given, that a user other than {@code self} holds. */
    private static Optional<IdentityTaken> firstTaken(Map<UserId, User> users, List<IdentityKey> keys, UserId self) {
        for (IdentityKey key : keys) {
            for (User other : users.values()) {
                if (!other.id().equals(self) && key.heldBy(other)) {
                    return Optional.of(new IdentityTaken(other, key));
                }
            }
        }
        return Optional.empty();
    }
}
