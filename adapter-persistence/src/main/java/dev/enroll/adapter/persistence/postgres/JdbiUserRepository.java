package dev.enroll.adapter.persistence.postgres;

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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Users in PostgreSQL. Each write locks the identities its row will carry (see
 * {@link IdentityLocks}), then inserts or updates only if no other user of the contributor holds
 * a claimed key (and, for an insert, only if the contributor is an enabled partner), all in one
 * statement batch and one round trip ({@link LockedWrite}); inserts that arrive together share
 * one transaction instead ({@link GroupCommit}). Only when
 * that write did not happen do JDBI queries find out why: a disabled partner, the holder, a newer version, or no
 * such user. Those queries go through JDBI; the two writes and the read by id, the paths every
 * request takes, are plain JDBC on the same pool, for speed.
 */
final class JdbiUserRepository implements UserRepository {

    static final String PRIMARY_KEY = "users_pkey";
    static final String PARTNER_CODE_KEY = "users_partner_code_key";
    static final String PHONE_POLICY_KEY = "users_phone_policy_key";
    static final String EXTERNAL_USER_ID_KEY = "users_external_user_id_key";

    /**
     * A holder seen by the check may change its phone or email before we read it, and a lock
     * order gone wrong would be a deadlock PostgreSQL breaks; either way, trying again settles it.
     */
    private static final int ATTEMPTS = 3;

    private static final RowMapper<UserRow> ROWS = (rs, context) -> UserRow.read(rs);

    private static final String SELECT = "SELECT " + UserRow.COLUMN_LIST + " FROM users u ";
    private static final String FIND_BY_ID = SELECT + "WHERE u.contributor_id = ? AND u.id = ?";
    private static final String VERSION_OF =
            "SELECT version FROM users WHERE contributor_id = :contributor_id AND id = :id";
    // PostgreSQL cannot infer the types of parameters in a SELECT list, hence the casts. The
    // partner check rides in the insert itself, so a create costs one round trip, not two.
    private static final String INSERT = "INSERT INTO users (" + UserRow.COLUMN_LIST + ")\nSELECT "
            + UserRow.COLUMNS.stream().map(c -> "CAST(? AS " + c.sqlType() + ")").collect(Collectors.joining(", "));
    /** True when the contributor (the one parameter) is an enabled partner: in the insert, and to explain a refusal. */
    private static final String CONTRIBUTOR_ENABLED =
            "EXISTS (SELECT 1 FROM partners p WHERE p.contributor_id = ? AND p.enabled)";
    private static final String UPDATE = "UPDATE users SET "
            + UserRow.COLUMNS.stream().skip(UserRow.KEY_COLUMNS).map(c -> c.name() + " = ?")
            .collect(Collectors.joining(", "))
            + "\nWHERE contributor_id = ? AND id = ? AND version = ? AND ";

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final GroupCommit groupCommit;
    private final UserErasure erasure;
    private final UserChangeFeed feed;
    /** Statement batches by lock count and claimed key kinds ({@link #shape}), built once each. */
    private final Map<Integer, InsertStatements> inserts = new ConcurrentHashMap<>();
    private final Map<Integer, String> updates = new ConcurrentHashMap<>();

    JdbiUserRepository(DataSource dataSource, Jdbi jdbi, GroupCommit groupCommit) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.groupCommit = groupCommit;
        this.erasure = new UserErasure(dataSource);
        this.feed = new UserChangeFeed(jdbi);
    }

    /** An insert's statement, as it runs alone (behind its lock statement) and in a group. */
    private record InsertStatements(String alone, String grouped) {

        static InsertStatements of(int locks, IdentityClaims claims) {
            String condition = CONTRIBUTOR_ENABLED + " AND " + claims.noneHeldByAnotherUser();
            return new InsertStatements(LockedWrite.batch(locks, INSERT + "\nWHERE " + condition),
                    GroupCommit.grouped(INSERT, condition));
        }
    }

    @Override
    public InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys) {
        UserRow row = UserRow.from(user);
        IdentityClaims claims = new IdentityClaims(keys);
        long[] locks = IdentityLocks.forWrite(user, keys);
        InsertStatements statements = inserts.computeIfAbsent(shape(locks, claims),
                unused -> InsertStatements.of(locks.length, claims));
        GroupCommit.Write write = new GroupCommit.Write(locks, statements.alone(), statements.grouped(),
                (statement, first) -> {
                    int next = row.bind(statement, first, true);
                    statement.setString(next++, row.contributorId());
                    claims.bind(statement, next, row.contributorId(), row.id());
                });
        return StoreFailures.guard(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    int inserted = groupCommit.execute(write);
                    if (inserted == 1) {
                        return new InsertOutcome.Inserted(user);
                    }
                } catch (SQLException e) {
                    if (StoreFailures.hasState(e, StoreFailures.DEADLOCK_DETECTED)) {
                        continue;
                    }
                    String constraint = StoreFailures.violatedUniqueConstraint(e).orElseThrow(() -> e);
                    if (PARTNER_CODE_KEY.equals(constraint)) {
                        return new InsertOutcome.PartnerCodeTaken();
                    }
                    if (PRIMARY_KEY.equals(constraint)) {
                        throw new IllegalStateException("user id generated twice");
                    }
                    // A unique index (phone + policy, externalUserId) caught what the check did not
                    // see yet, a concurrent insert's row: report the holder.
                }
                Optional<InsertOutcome> why = jdbi.withHandle(handle -> whyNotInserted(handle, row, claims));
                if (why.isPresent()) {
                    return why.get();
                }
            }
            throw new IllegalStateException("insert kept failing without a holder to report; gave up after "
                    + ATTEMPTS + " attempts");
        });
    }

    @Override
    public UpdateOutcome updateUnlessIdentityTaken(User user, long expectedVersion, List<IdentityKey> keys) {
        UserRow row = UserRow.from(user);
        IdentityClaims claims = new IdentityClaims(keys);
        long[] locks = IdentityLocks.forWrite(user, keys);
        String batch = updates.computeIfAbsent(shape(locks, claims),
                unused -> LockedWrite.batch(locks.length, UPDATE + claims.noneHeldByAnotherUser()));
        return StoreFailures.guard(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try (Connection connection = dataSource.getConnection()) {
                    int updated = LockedWrite.execute(connection, batch, locks, (statement, first) -> {
                        int next = row.bind(statement, first, false);
                        statement.setString(next++, row.contributorId());
                        statement.setObject(next++, row.id());
                        statement.setLong(next++, expectedVersion);
                        claims.bind(statement, next, row.contributorId(), row.id());
                    });
                    if (updated == 1) {
                        return new UpdateOutcome.Updated(user);
                    }
                } catch (SQLException e) {
                    if (StoreFailures.hasState(e, StoreFailures.DEADLOCK_DETECTED)) {
                        continue;
                    }
                    StoreFailures.violatedUniqueConstraint(e)
                            .filter(c -> PHONE_POLICY_KEY.equals(c) || EXTERNAL_USER_ID_KEY.equals(c))
                            .orElseThrow(() -> e);
                }
                Optional<UpdateOutcome> why = jdbi.withHandle(handle -> whyNotUpdated(handle, row, expectedVersion,
                        claims));
                if (why.isPresent()) {
                    return why.get();
                }
            }
            throw new IllegalStateException("update kept failing without a reason to report; gave up after "
                    + ATTEMPTS + " attempts");
        });
    }

    @Override
    public Optional<User> findById(ContributorId contributor, UserId id) {
        return KeyLookup.one(dataSource, FIND_BY_ID, UserRow::read, contributor.value(), id.value())
                .map(UserRow::toDomain);
    }

    @Override
    public Optional<User> holderOf(ContributorId contributor, IdentityKey key) {
        IdentityClaims claims = new IdentityClaims(List.of(key));
        String sql = SELECT + "WHERE u.contributor_id = :contributor_id AND " + claims.heldByNamed(0, "u")
                + " ORDER BY u.id LIMIT 1";
        return StoreFailures.guard(() -> jdbi.withHandle(handle -> claims.bindNamed(handle.createQuery(sql), 0)
                .bind("contributor_id", contributor.value()).map(ROWS).findOne().map(UserRow::toDomain)));
    }

    @Override
    public DeleteOutcome delete(ContributorId contributor, UserId id, long expectedVersion, Instant deleted) {
        return erasure.delete(contributor, id, expectedVersion, deleted);
    }

    @Override
    public List<UserChange> changes(ContributorId contributor, UserFilter filter, long afterSequence, int limit) {
        return feed.changes(contributor, filter, afterSequence, limit);
    }

    private static int shape(long[] locks, IdentityClaims claims) {
        return claims.shape() * 16 + locks.length;
    }

    /**
     * The contributor is no enabled partner, or the holder of a claimed key; empty when neither
     * holds (any more). The partner comes first: a disabled one is told nothing of its users.
     */
    private static Optional<InsertOutcome> whyNotInserted(Handle handle, UserRow row, IdentityClaims claims) {
        boolean enabled = handle.createQuery("SELECT " + CONTRIBUTOR_ENABLED).bind(0, row.contributorId())
                .mapTo(Boolean.class).one();
        if (!enabled) {
            return Optional.of(new InsertOutcome.PartnerNotEnabled());
        }
        return firstHolder(handle, row, claims).map(InsertOutcome.class::cast);
    }

    /** No such user, a newer version, or the holder of a claimed key; empty when none of these holds (any more). */
    private static Optional<UpdateOutcome> whyNotUpdated(Handle handle, UserRow row, long expectedVersion,
                                                        IdentityClaims claims) {
        Optional<Long> stored = handle.createQuery(VERSION_OF)
                .bind("contributor_id", row.contributorId()).bind("id", row.id())
                .mapTo(Long.class).findOne();
        if (stored.isEmpty()) {
            return Optional.of(new UpdateOutcome.NotFound());
        }
        if (stored.get() != expectedVersion) {
            return Optional.of(new UpdateOutcome.VersionConflict());
        }
        return firstHolder(handle, row, claims).map(UpdateOutcome.class::cast);
    }

    /** The holder of the first claimed key another user holds, in the order the keys were given. */
    private static Optional<IdentityTaken> firstHolder(Handle handle, UserRow row, IdentityClaims claims) {
        for (int i = 0; i < claims.keys().size(); i++) {
            String sql = SELECT + "WHERE u.contributor_id = :contributor_id AND u.id <> :id AND "
                    + claims.heldByNamed(i, "u") + " ORDER BY u.id LIMIT 1";
            Optional<UserRow> holder = claims.bindNamed(handle.createQuery(sql), i)
                    .bind("contributor_id", row.contributorId()).bind("id", row.id())
                    .map(ROWS).findOne();
            if (holder.isPresent()) {
                return Optional.of(new IdentityTaken(holder.get().toDomain(), claims.keys().get(i)));
            }
        }
        return Optional.empty();
    }
}
