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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Users in PostgreSQL: the one path by which users are created and updated.
 *
 * <p><b>What is atomic.</b> Each create or update is checked and written as one step: it takes
 * the advisory locks of the identities the row will carry ({@link IdentityLocks}, ascending, as
 * every writer takes them), then inserts or updates only if no other user of the contributor
 * holds a claimed key (and, for an update, only if the stored version is the one expected).
 * Under READ COMMITTED the write takes its snapshot after the locks were granted, so its check
 * sees every row committed by whoever held them before: no interleaving of requests, on one
 * instance or many, lets a duplicate in. Writes that arrive together share one transaction and
 * one commit ({@link GroupCommit}); each behaves as if it ran alone, after the ones before it.
 *
 * <p><b>What the caller is told, and when.</b> The caller blocks until its write has committed,
 * then hears {@code Inserted}/{@code Updated}. Otherwise the reason, read after the refused
 * write: the holder of the first claimed key (in the order given), a newer version, or no such
 * user; {@code PartnerCodeTaken} when the partner-code key refused the row. A deadlock (which
 * PostgreSQL breaks) or a reason gone before it was read means trying again, up to
 * {@value #ATTEMPTS} times. Failures to reach PostgreSQL are {@code StoreUnavailableException}.
 */
final class PostgresUserRepository implements UserRepository {

    static final String PRIMARY_KEY = "users_pkey";
    static final String PARTNER_CODE_KEY = "users_partner_code_key";
    static final String PHONE_POLICY_KEY = "users_phone_policy_key";
    static final String EXTERNAL_USER_ID_KEY = "users_external_user_id_key";

    /**
     * A holder seen by the check may change its phone or email before we read it, and a lock
     * order gone wrong would be a deadlock PostgreSQL breaks; either way, trying again settles it.
     */
    private static final int ATTEMPTS = 3;

    private static final String FIND_BY_ID = "SELECT " + UserColumn.LIST + " FROM users WHERE contributor_id = ? AND id = ?";
    private static final String VERSION_OF = "SELECT version FROM users WHERE contributor_id = ? AND id = ?";
    // PostgreSQL cannot infer the types of parameters in a SELECT list, hence the casts.
    private static final String INSERT = "INSERT INTO users (" + UserColumn.LIST + ")\nSELECT "
            + UserColumn.ALL.stream().map(column -> "CAST(? AS " + column.kind.sqlType + ")")
            .collect(Collectors.joining(", "));
    private static final String UPDATE = "UPDATE users SET "
            + UserColumn.NOT_KEY.stream().map(column -> column.sqlName + " = ?").collect(Collectors.joining(", "));
    private static final String THE_ROW = "contributor_id = ? AND id = ?";
    private static final String THE_VERSION_EXPECTED = "version = ? AND ";

    private final DataSource dataSource;
    private final GroupCommit groupCommit;
    private final UserErasure erasure;
    private final UserChangeFeed feed;
    /** The statements by claimed key kinds ({@link IdentityClaims#shape}), built once each. */
    private final Map<Integer, GroupCommit.Statements> inserts = new ConcurrentHashMap<>();
    private final Map<Integer, GroupCommit.Statements> updates = new ConcurrentHashMap<>();

    PostgresUserRepository(DataSource dataSource, GroupCommit groupCommit) {
        this.dataSource = dataSource;
        this.groupCommit = groupCommit;
        this.erasure = new UserErasure(dataSource);
        // A page waits for another page's bound as long as a write waits for its commit.
        this.feed = new UserChangeFeed(dataSource, new SettledChanges(dataSource, groupCommit.deadline()));
    }

    @Override
    public InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys) {
        IdentityClaims claims = new IdentityClaims(keys);
        GroupCommit.Write write = inserting(user, claims);
        return StoreFailures.guard(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    if (groupCommit.execute(write) == 1) {
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
                try (Connection connection = dataSource.getConnection()) {
                    Optional<IdentityTaken> holder = firstHolder(connection, user, claims);
                    if (holder.isPresent()) {
                        return holder.get();
                    }
                }
            }
            throw new IllegalStateException("insert kept failing without a holder to report; gave up after "
                    + ATTEMPTS + " attempts");
        });
    }

    @Override
    public UpdateOutcome updateUnlessIdentityTaken(User user, long expectedVersion, List<IdentityKey> keys) {
        IdentityClaims claims = new IdentityClaims(keys);
        GroupCommit.Write write = updating(user, expectedVersion, claims);
        return StoreFailures.guard(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    if (groupCommit.execute(write) == 1) {
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
                try (Connection connection = dataSource.getConnection()) {
                    Optional<UpdateOutcome> why = whyNotUpdated(connection, user, expectedVersion, claims);
                    if (why.isPresent()) {
                        return why.get();
                    }
                }
            }
            throw new IllegalStateException("update kept failing without a reason to report; gave up after "
                    + ATTEMPTS + " attempts");
        });
    }

    /** A create as it queues for a group: the user's row, written if no other user holds a claimed key. */
    GroupCommit.Write inserting(User user, IdentityClaims claims) {
        GroupCommit.Statements statements = inserts.computeIfAbsent(claims.shape(),
                unused -> GroupCommit.Statements.of(INSERT, "", claims.noneHeldByAnotherUser()));
        return new GroupCommit.Write(user.contributor(), IdentityLocks.forWrite(user, claims.keys()), statements,
                (statement, first) -> {
                    int next = UserColumn.bind(UserColumn.ALL, user, statement, first);
                    claims.bind(statement, next, user.contributor().value(), user.id().value());
                });
    }

    /**
     * An update as it queues for a group: the row with the user's key, written if it still has
     * {@code expectedVersion} and no other user holds a claimed key.
     */
    GroupCommit.Write updating(User user, long expectedVersion, IdentityClaims claims) {
        GroupCommit.Statements statements = updates.computeIfAbsent(claims.shape(),
                unused -> GroupCommit.Statements.of(UPDATE, THE_ROW,
                        THE_VERSION_EXPECTED + claims.noneHeldByAnotherUser()));
        return new GroupCommit.Write(user.contributor(), IdentityLocks.forWrite(user, claims.keys()), statements,
                (statement, first) -> {
                    int next = UserColumn.bind(UserColumn.NOT_KEY, user, statement, first);
                    next = UserColumn.bind(UserColumn.KEY, user, statement, next);
                    statement.setLong(next++, expectedVersion);
                    claims.bind(statement, next, user.contributor().value(), user.id().value());
                });
    }

    @Override
    public Optional<User> findById(ContributorId contributor, UserId id) {
        return Queries.one(dataSource, FIND_BY_ID, StoredUser::read, contributor.value(), id.value())
                .map(StoredUser::toDomain);
    }

    @Override
    public Optional<User> holderOf(ContributorId contributor, IdentityKey key) {
        return StoreFailures.guard(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement query = connection.prepareStatement(IdentityClaims.anyHolder(key))) {
                IdentityClaims.bindAnyHolder(key, query, contributor.value());
                try (var rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(StoredUser.read(rows).toDomain()) : Optional.<User>empty();
                }
            }
        });
    }

    @Override
    public DeleteOutcome delete(ContributorId contributor, UserId id, long expectedVersion, Instant deleted) {
        return erasure.delete(contributor, id, expectedVersion, deleted);
    }

    @Override
    public List<UserChange> changes(ContributorId contributor, UserFilter filter, long afterSequence, int limit) {
        return feed.changes(contributor, filter, afterSequence, limit);
    }

    @Override
    public boolean settlesPagesOf(UserFilter filter) {
        return UserChangeFeed.settles(filter);
    }

    /** No such user, a newer version, or the holder of a claimed key; empty when none of these holds (any more). */
    private static Optional<UpdateOutcome> whyNotUpdated(Connection connection, User user, long expectedVersion,
                                                        IdentityClaims claims) throws SQLException {
        List<Long> stored = Queries.list(connection, VERSION_OF, rows -> rows.getLong(1),
                user.contributor().value(), user.id().value());
        if (stored.isEmpty()) {
            return Optional.of(new UpdateOutcome.NotFound());
        }
        if (stored.get(0) != expectedVersion) {
            return Optional.of(new UpdateOutcome.VersionConflict());
        }
        return firstHolder(connection, user, claims).map(UpdateOutcome.class::cast);
    }

    /** The holder of the first claimed key another user holds, in the order the keys were given. */
    private static Optional<IdentityTaken> firstHolder(Connection connection, User user, IdentityClaims claims)
            throws SQLException {
        for (int i = 0; i < claims.keys().size(); i++) {
            try (PreparedStatement query = connection.prepareStatement(claims.holder(i))) {
                claims.bindHolder(i, query, user.contributor().value(), user.id().value());
                try (var rows = query.executeQuery()) {
                    if (rows.next()) {
                        return Optional.of(new IdentityTaken(StoredUser.read(rows).toDomain(), claims.keys().get(i)));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
