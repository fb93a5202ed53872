package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import dev.enroll.domain.user.UserTombstone;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A contributor's change feed: users (and tombstones) in the order of {@code change_seq}, after
 * a given number, by keyset, so a page costs the same at any depth. Each filter is an equality on
 * a column with an index beginning with {@code contributor_id}.
 *
 * <p>A trigger numbers every write from one sequence (V8), so a higher number may commit before a
 * lower one. A page therefore first asks {@link SettledChanges} for the highest number whose
 * writers have all ended, waiting for those still running, and reads no further: a cursor never
 * passes a change that is still to come (docs/persistence.md, "The change feed and the sync
 * guarantee"). That is a statement of its own, so the page's snapshot is taken after the wait.
 *
 * <p>When tombstones are asked for, users and tombstones are read in one REPEATABLE READ
 * transaction: from two snapshots, a tombstone committed between them could carry a number
 * above a user change the first read missed, and a cursor past that tombstone would skip it.
 */
final class UserChangeFeed {

    /** The change number's position in a row selected with {@link #USERS}: right after the user's columns. */
    private static final int CHANGE_SEQ = UserColumn.ALL.size() + 1;
    private static final String USERS = "SELECT " + UserColumn.LIST + ", change_seq FROM users "
            + "WHERE contributor_id = ? AND change_seq > ? AND change_seq <= ?";
    /**
     * updatedSince alone: the page's numbers first, from users_updated_idx alone (an index-only
     * scan of the changes since then, sorted by number, cut to the page), then only those rows.
     * Reading every changed row to sort them would cost a row per change since, not per page.
     * The inner SELECT is fenced with OFFSET 0 so that the LIMIT cannot talk the planner into
     * walking users_change_key from the cursor and filtering on updated: it takes the changes
     * since an instant to be spread through the change order, where they sit at its end, and
     * such a plan read every earlier user of the partner (400 ms a page at a million users).
     */
    private static final String SINCE = USERS + " AND change_seq IN (SELECT s.change_seq FROM"
            + " (SELECT change_seq FROM users WHERE contributor_id = ? AND updated >= ? AND change_seq > ? AND change_seq <= ? OFFSET 0) s"
            + " ORDER BY s.change_seq LIMIT ?) ORDER BY change_seq";
    private static final String TOMBSTONES = "SELECT id, deleted, change_seq FROM user_tombstones "
            + "WHERE contributor_id = ? AND change_seq > ? AND change_seq <= ?";

    private final DataSource dataSource;
    private final SettledChanges settled;

    UserChangeFeed(DataSource dataSource, SettledChanges settled) {
        this.dataSource = dataSource;
        this.settled = settled;
    }

    /**
     * Whether a page with {@code filter} waits for the settled bound: not when its identity values
     * make their writers take turns ({@link IdentityLocks#serializeEveryWriterOf}), so that a
     * lookup never waits for the partner's other writes.
     */
    static boolean settles(UserFilter filter) {
        return !IdentityLocks.serializeEveryWriterOf(filter);
    }

    List<UserChange> changes(ContributorId contributor, UserFilter filter, long after, int limit) {
        return StoreFailures.guard(() -> {
            Range range = new Range(after, settles(filter) ? settled.bound(contributor) : Long.MAX_VALUE);
            try (Connection connection = dataSource.getConnection()) {
                if (!filter.matchesTombstones()) {
                    return users(connection, contributor, filter, range, limit);
                }
                return merged(connection, contributor, filter, range, limit);
            }
        });
    }

    private static List<UserChange> merged(Connection connection, ContributorId contributor, UserFilter filter,
                                           Range range, int limit) throws SQLException {
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        List<UserChange> changes = Queries.inTransaction(connection, () -> {
            List<UserChange> read = new ArrayList<>(users(connection, contributor, filter, range, limit));
            read.addAll(tombstones(connection, contributor, filter, range, limit));
            return read;
        }, () -> {
            // Back to the pool as it came (auto-commit too): READ COMMITTED, which the writes depend on.
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        });
        changes.sort(Comparator.comparingLong(UserChange::sequence));
        return changes.size() > limit ? changes.subList(0, limit) : changes;
    }

    private static List<UserChange> users(Connection connection, ContributorId contributor, UserFilter filter,
                                          Range range, int limit) throws SQLException {
        return Queries.list(connection, usersSql(filter), row -> new UserChange.Present(
                StoredUser.read(row).toDomain(), row.getLong(CHANGE_SEQ)),
                usersParameters(contributor, filter, range, limit));
    }

    /** PostgreSQL's plan for a page of users, one line per row of EXPLAIN: to check which index serves a filter. */
    static List<String> planOfUsers(Connection connection, ContributorId contributor, UserFilter filter, Range range,
                                    int limit) throws SQLException {
        return Queries.list(connection, "EXPLAIN " + usersSql(filter), row -> row.getString(1),
                usersParameters(contributor, filter, range, limit));
    }

    private static String usersSql(UserFilter filter) {
        return filter.updatedSince() != null && !filter.byIdentity() ? SINCE
                : USERS + conditions(filter) + " ORDER BY change_seq LIMIT ?";
    }

    /** The parameters of {@link #usersSql}, in the order its placeholders appear. */
    private static Object[] usersParameters(ContributorId contributor, UserFilter filter, Range range, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(contributor.value(), range.after(), range.upTo()));
        if (filter.updatedSince() != null && !filter.byIdentity()) {
            parameters.addAll(List.of(contributor.value(), since(filter), range.after(), range.upTo(), limit));
            return parameters.toArray();
        }
        if (filter.email() != null) {
            parameters.add(filter.email().normalized());
        }
        if (filter.phone() != null) {
            parameters.add(filter.phone().value());
        }
        if (filter.externalUserId() != null) {
            parameters.add(filter.externalUserId().value());
        }
        if (filter.policyNumber() != null) {
            parameters.add(filter.policyNumber().value());
        }
        if (filter.updatedSince() != null) {
            parameters.add(since(filter));
        }
        parameters.add(limit);
        return parameters.toArray();
    }

    private static String conditions(UserFilter filter) {
        StringBuilder sql = new StringBuilder();
        if (filter.email() != null) {
            sql.append(" AND email_normalized = ?");
        }
        if (filter.phone() != null) {
            sql.append(" AND phone = ?");
        }
        if (filter.externalUserId() != null) {
            sql.append(" AND external_user_id = ?");
        }
        if (filter.policyNumber() != null) {
            sql.append(" AND policy_number = ?");
        }
        if (filter.updatedSince() != null) {
            sql.append(" AND updated >= ?");
        }
        return sql.toString();
    }

    private static List<UserChange> tombstones(Connection connection, ContributorId contributor, UserFilter filter,
                                               Range range, int limit) throws SQLException {
        String sql = TOMBSTONES + (filter.updatedSince() != null ? " AND deleted >= ?" : "")
                + " ORDER BY change_seq LIMIT ?";
        Object[] parameters = filter.updatedSince() != null
                ? new Object[] {contributor.value(), range.after(), range.upTo(), since(filter), limit}
                : new Object[] {contributor.value(), range.after(), range.upTo(), limit};
        return Queries.list(connection, sql, row -> new UserChange.Erased(
                new UserTombstone(new UserId(row.getObject("id", UUID.class)), contributor,
                        row.getObject("deleted", OffsetDateTime.class).toInstant()),
                row.getLong("change_seq")), parameters);
    }

    /** The change numbers a page may hold: above the cursor's, up to the settled one. */
    record Range(long after, long upTo) {
    }

    private static OffsetDateTime since(UserFilter filter) {
        return filter.updatedSince().atOffset(ZoneOffset.UTC);
    }
}
