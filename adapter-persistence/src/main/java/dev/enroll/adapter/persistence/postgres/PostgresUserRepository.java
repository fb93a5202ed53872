package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.IdentityTaken;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.UpdateOutcome;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Users in PostgreSQL: the one path by which users are created and updated.
 *
 * <p><b>What is atomic.</b> Each create or update is one transaction of its own, run on the
 * caller's thread in one round trip: a statement that takes the advisory locks of the
 * identities the row will carry ({@link IdentityLocks}, ascending, as every writer takes them),
 * then the INSERT or UPDATE, which writes only if no other user of the contributor holds a
 * claimed key (and, for an update, only if the stored version is the one expected). The two
 * statements travel together and run as one implicit transaction that commits when both are
 * done, releasing the locks. Under READ COMMITTED the write takes its snapshot after the locks
 * were granted, so its check sees every row committed by whoever held them before: no
 * interleaving of requests, on one instance or many, lets a duplicate in.
 *
 * <p><b>What the caller is told, and when.</b> {@code Inserted}/{@code Updated} once the write
 * has committed. Otherwise the reason, read right after the refused write: the holder of the
 * first claimed key (in the order given), a newer version, or no such user; {@code
 * PartnerCodeTaken} when the partner-code key refused the row. A deadlock (which PostgreSQL
 * breaks) or a reason gone before it was read means trying again, up to {@value #ATTEMPTS}
 * times. Failures to reach PostgreSQL are {@code StoreUnavailableException}.
 *
 * <p>Connections must be in auto-commit mode with the extended query protocol (pgjdbc's
 * defaults, which {@link PostgresStore} checks): that is what makes the two statements one
 * transaction.
 */
final class PostgresUserRepository implements UserRepository {

    static final String PRIMARY_KEY = "users_pkey";
    static final String PARTNER_CODE_KEY = "users_partner_code_key";
    static final String PHONE_POLICY_KEY = "users_phone_policy_key";

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
            .collect(Collectors.joining(", ")) + "\nWHERE ";
    private static final String UPDATE = "UPDATE users SET "
            + UserColumn.NOT_KEY.stream().map(column -> column.sqlName + " = ?").collect(Collectors.joining(", "))
            + "\nWHERE contributor_id = ? AND id = ? AND version = ? AND ";

    private final DataSource dataSource;
    /** The lock-and-write statements by lock count and claimed key kinds ({@link #shape}), built once each. */
    private final Map<Integer, String> inserts = new ConcurrentHashMap<>();
    private final Map<Integer, String> updates = new ConcurrentHashMap<>();

    PostgresUserRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys) {
        IdentityClaims claims = new IdentityClaims(keys);
        long[] locks = IdentityLocks.forWrite(user, keys);
        String sql = inserts.computeIfAbsent(shape(locks, claims),
                unused -> lockedWrite(locks.length, INSERT + claims.noneHeldByAnotherUser()));
        return StoreFailures.guard(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try (Connection connection = dataSource.getConnection()) {
                    try {
                        int inserted = execute(connection, sql, locks, (statement, first) -> {
                            int next = UserColumn.bind(UserColumn.ALL, user, statement, first);
                            claims.bind(statement, next, user.contributor().value(), user.id().value());
                        });
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
                        // The phone + policy index caught what the check should have: report the holder.
                    }
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
        long[] locks = IdentityLocks.forWrite(user, keys);
        String sql = updates.computeIfAbsent(shape(locks, claims),
                unused -> lockedWrite(locks.length, UPDATE + claims.noneHeldByAnotherUser()));
        return StoreFailures.guard(() -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try (Connection connection = dataSource.getConnection()) {
                    try {
                        int updated = execute(connection, sql, locks, (statement, first) -> {
                            int next = UserColumn.bind(UserColumn.NOT_KEY, user, statement, first);
                            next = UserColumn.bind(UserColumn.KEY, user, statement, next);
                            statement.setLong(next++, expectedVersion);
                            claims.bind(statement, next, user.contributor().value(), user.id().value());
                        });
                        if (updated == 1) {
                            return new UpdateOutcome.Updated(user);
                        }
                    } catch (SQLException e) {
                        if (StoreFailures.hasState(e, StoreFailures.DEADLOCK_DETECTED)) {
                            continue;
                        }
                        StoreFailures.violatedUniqueConstraint(e).filter(PHONE_POLICY_KEY::equals).orElseThrow(() -> e);
                    }
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

    @Override
    public Optional<User> findById(ContributorId contributor, UserId id) {
        return Queries.one(dataSource, FIND_BY_ID, StoredUser::read, contributor.value(), id.value())
                .map(StoredUser::toDomain);
    }

    private static int shape(long[] locks, IdentityClaims claims) {
        return claims.shape() * 16 + locks.length;
    }

    /** Binds a write's own parameters, from the given index on. */
    @FunctionalInterface
    private interface Parameters {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    /**
     * A statement taking {@code locks} locks, then {@code writeSql}: sent as one, run in order.
     * Built once per shape and reused as the very string, so each connection prepares it once.
     */
    private static String lockedWrite(int locks, String writeSql) {
        // A select list is evaluated left to right: the keys, sorted, are taken in ascending order.
        return "SELECT " + String.join(", ", Collections.nCopies(locks, "pg_advisory_xact_lock(?)")) + ";\n" + writeSql;
    }

    /** Runs a statement made by {@link #lockedWrite} with {@code lockKeys} (sorted); answers the write's row count. */
    private static int execute(Connection connection, String sql, long[] lockKeys, Parameters parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = 1;
            for (long key : lockKeys) {
                statement.setLong(next++, key);
            }
            parameters.bind(statement, next);
            statement.execute();
            // The first result is the lock query's row; the next is the write's count.
            statement.getMoreResults();
            return statement.getUpdateCount();
        }
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
