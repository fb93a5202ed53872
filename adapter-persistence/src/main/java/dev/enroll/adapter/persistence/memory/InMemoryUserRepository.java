package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.DeleteOutcome;
import dev.enroll.application.port.out.IdentityTaken;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.UpdateOutcome;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import dev.enroll.domain.user.UserTombstone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users in memory, for tests and for running without a database; nothing survives a restart.
 * Each contributor's users sit in a {@link Book} of their own, and every write to it holds that
 * book's lock, so identity checks and writes are atomic per contributor while contributors never
 * wait on each other. Reads take the same lock: the books are small, and it keeps them plain.
 */
public final class InMemoryUserRepository implements UserRepository {

    private final Map<ContributorId, Book> byContributor = new ConcurrentHashMap<>();

    /**
     * One contributor's users, and its change feed: every write takes the next sequence number
     * under the book's lock, so numbers are handed out in the order writes take effect, and the
     * feed keeps each user's latest change (or tombstone) under it.
     */
    private static final class Book {
        final Map<UserId, User> users = new LinkedHashMap<>();
        final Map<UserId, Long> sequenceOf = new HashMap<>();
        final TreeMap<Long, UserChange> feed = new TreeMap<>();
        final IdentityIndex index = new IdentityIndex();
        long lastSequence;

        void write(User user) {
            Long previous = sequenceOf.get(user.id());
            if (previous != null) {
                feed.remove(previous);
            }
            long sequence = ++lastSequence;
            User replaced = users.put(user.id(), user);
            if (replaced != null) {
                index.remove(replaced);
            }
            index.add(user);
            sequenceOf.put(user.id(), sequence);
            feed.put(sequence, new UserChange.Present(user, sequence));
        }

        void erase(UserTombstone tombstone) {
            feed.remove(sequenceOf.get(tombstone.id()));
            User erased = users.remove(tombstone.id());
            if (erased != null) {
                index.remove(erased);
            }
            long sequence = ++lastSequence;
            sequenceOf.put(tombstone.id(), sequence);
            feed.put(sequence, new UserChange.Erased(tombstone, sequence));
        }
    }

    @Override
    public InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys) {
        Book book = bookOf(user.contributor());
        synchronized (book) {
            Optional<IdentityTaken> taken = firstTaken(book.index, keys, user.id());
            if (taken.isPresent()) {
                return taken.get();
            }
            if (book.index.codeTaken(user.partnerCode())) {
                return new InsertOutcome.PartnerCodeTaken();
            }
            if (book.sequenceOf.containsKey(user.id())) {
                throw new IllegalStateException("user id generated twice");
            }
            book.write(user);
            return new InsertOutcome.Inserted(user);
        }
    }

    @Override
    public UpdateOutcome updateUnlessIdentityTaken(User user, long expectedVersion, List<IdentityKey> keys) {
        Book book = bookOf(user.contributor());
        synchronized (book) {
            User stored = book.users.get(user.id());
            if (stored == null) {
                return new UpdateOutcome.NotFound();
            }
            if (stored.version() != expectedVersion) {
                return new UpdateOutcome.VersionConflict();
            }
            Optional<IdentityTaken> taken = firstTaken(book.index, keys, user.id());
            if (taken.isPresent()) {
                return taken.get();
            }
            book.write(user);
            return new UpdateOutcome.Updated(user);
        }
    }

    @Override
    public Optional<User> findById(ContributorId contributor, UserId id) {
        Book book = byContributor.get(contributor);
        if (book == null) {
            return Optional.empty();
        }
        synchronized (book) {
            return Optional.ofNullable(book.users.get(id));
        }
    }

    @Override
    public Optional<User> holderOf(ContributorId contributor, IdentityKey key) {
        Book book = byContributor.get(contributor);
        if (book == null) {
            return Optional.empty();
        }
        synchronized (book) {
            return Optional.ofNullable(book.index.holder(key, null));
        }
    }

    @Override
    public DeleteOutcome delete(ContributorId contributor, UserId id, long expectedVersion, Instant deleted) {
        Book book = byContributor.get(contributor);
        if (book == null) {
            return DeleteOutcome.NOT_FOUND;
        }
        synchronized (book) {
            User stored = book.users.get(id);
            if (stored == null) {
                return DeleteOutcome.NOT_FOUND;
            }
            if (stored.version() != expectedVersion) {
                return DeleteOutcome.VERSION_CONFLICT;
            }
            book.erase(new UserTombstone(id, contributor, deleted));
            return DeleteOutcome.DELETED;
        }
    }

    /** Every write numbers and stores its change in one step under the book's lock: nothing is ever in flight. */
    @Override
    public boolean settlesPagesOf(UserFilter filter) {
        return true;
    }

    @Override
    public List<UserChange> changes(ContributorId contributor, UserFilter filter, long afterSequence, int limit) {
        Book book = byContributor.get(contributor);
        if (book == null) {
            return List.of();
        }
        List<UserChange> page = new ArrayList<>(Math.min(limit, 256));
        synchronized (book) {
            for (UserChange change : book.feed.tailMap(afterSequence, false).values()) {
                if (page.size() == limit) {
                    break;
                }
                boolean matches = change instanceof UserChange.Present present
                        ? filter.matches(present.user())
                        : filter.matches(((UserChange.Erased) change).tombstone());
                if (matches) {
                    page.add(change);
                }
            }
        }
        return page;
    }

    /**
     * What {@code work} answers, run on the index of the contributor's users while holding their
     * lock: for imports, which read the index only and add users only through the {@code add}
     * they are given, so the change feed and the index see them as they see every other write.
     */
    <T> T withUsersOf(ContributorId contributor, BiFunction<IdentityIndex, Consumer<User>, T> work) {
        Book book = bookOf(contributor);
        synchronized (book) {
            return work.apply(book.index, book::write);
        }
    }

    private Book bookOf(ContributorId contributor) {
        return byContributor.computeIfAbsent(contributor, c -> new Book());
    }

    /** The first key, in the order given, that a user other than {@code self} holds. */
    private static Optional<IdentityTaken> firstTaken(IdentityIndex index, List<IdentityKey> keys, UserId self) {
        for (IdentityKey key : keys) {
            User other = index.holder(key, self);
            if (other != null) {
                return Optional.of(new IdentityTaken(other, key));
            }
        }
        return Optional.empty();
    }
}
