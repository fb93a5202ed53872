package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import dev.enroll.domain.user.UserTombstone;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A contributor's change feed: users (and tombstones) in the order of {@code change_seq}, after
 * a given number, by keyset, so a page costs the same at any depth. The numbers are handed out
 * in commit order by a trigger (V6, docs/persistence.md). Each filter is an equality on a column
 * with an index beginning with {@code contributor_id}.
 *
 * <p>When tombstones are asked for, users and tombstones are read in one REPEATABLE READ
 * transaction: from two snapshots, a tombstone committed between them could carry a number
 * above a user change the first read missed, and a cursor past that tombstone would skip it.
 */
final class UserChangeFeed {

    private static final String USERS = "SELECT " + UserRow.COLUMN_LIST + ", u.change_seq FROM users u "
            + "WHERE u.contributor_id = :contributor AND u.change_seq > :after";
    /**
     * updatedSince alone: the page's numbers first, from users_updated_idx alone (an index-only
     * scan of the changes since then, sorted by number, cut to the page), then only those rows.
     * Reading every changed row to sort them would cost a row per change since, not per page.
     */
    private static final String SINCE = USERS + " AND u.change_seq IN (SELECT s.change_seq FROM users s"
            + " WHERE s.contributor_id = :contributor AND s.updated >= :since AND s.change_seq > :after"
            + " ORDER BY s.change_seq LIMIT :limit) ORDER BY u.change_seq";
    private static final String TOMBSTONES = "SELECT t.id, t.deleted, t.change_seq FROM user_tombstones t "
            + "WHERE t.contributor_id = :contributor AND t.change_seq > :after";

    private final Jdbi jdbi;

    UserChangeFeed(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<UserChange> changes(ContributorId contributor, UserFilter filter, long after, int limit) {
        boolean withTombstones = filter.matchesTombstones();
        return StoreFailures.guard(() -> withTombstones
                ? jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                        handle -> merged(handle, contributor, filter, after, limit))
                : jdbi.withHandle(handle -> users(handle, contributor, filter, after, limit)));
    }

    private static List<UserChange> merged(Handle handle, ContributorId contributor, UserFilter filter, long after,
                                           int limit) {
        List<UserChange> changes = new ArrayList<>(users(handle, contributor, filter, after, limit));
        changes.addAll(tombstones(handle, contributor, filter, after, limit));
        changes.sort(Comparator.comparingLong(UserChange::sequence));
        return changes.size() > limit ? changes.subList(0, limit) : changes;
    }

    private static List<UserChange> users(Handle handle, ContributorId contributor, UserFilter filter, long after,
                                          int limit) {
        return usersQuery(handle, "", contributor, filter, after, limit)
                .map((rs, ctx) -> (UserChange) new UserChange.Present(UserRow.read(rs).toDomain(),
                        rs.getLong("change_seq"))).list();
    }

    /** PostgreSQL's plan for a page of users, one line per row of EXPLAIN: to check which index serves a filter. */
    static List<String> planOfUsers(Handle handle, ContributorId contributor, UserFilter filter, long after,
                                    int limit) {
        return usersQuery(handle, "EXPLAIN ", contributor, filter, after, limit).mapTo(String.class).list();
    }

    private static Query usersQuery(Handle handle, String prefix, ContributorId contributor, UserFilter filter,
                                    long after, int limit) {
        String sql = prefix + (filter.updatedSince() != null && !filter.byIdentity() ? SINCE : USERS + conditions(filter)
                + " ORDER BY u.change_seq LIMIT :limit");
        Query query = handle.createQuery(sql)
                .bind("contributor", contributor.value()).bind("after", after).bind("limit", limit);
        if (filter.email() != null) {
            query.bind("email", filter.email().normalized());
        }
        if (filter.phone() != null) {
            query.bind("phone", filter.phone().value());
        }
        if (filter.externalUserId() != null) {
            query.bind("external", filter.externalUserId().value());
        }
        if (filter.policyNumber() != null) {
            query.bind("policy", filter.policyNumber().value());
        }
        if (filter.updatedSince() != null) {
            query.bind("since", filter.updatedSince().atOffset(ZoneOffset.UTC));
        }
        return query;
    }

    private static String conditions(UserFilter filter) {
        StringBuilder sql = new StringBuilder();
        if (filter.email() != null) {
            sql.append(" AND u.email_normalized = :email");
        }
        if (filter.phone() != null) {
            sql.append(" AND u.phone = :phone");
        }
        if (filter.externalUserId() != null) {
            sql.append(" AND u.external_user_id = :external");
        }
        if (filter.policyNumber() != null) {
            sql.append(" AND u.policy_number = :policy");
        }
        if (filter.updatedSince() != null) {
            sql.append(" AND u.updated >= :since");
        }
        return sql.toString();
    }

    private static List<UserChange> tombstones(Handle handle, ContributorId contributor, UserFilter filter,
                                               long after, int limit) {
        String sql = TOMBSTONES + (filter.updatedSince() != null ? " AND t.deleted >= :since" : "")
                + " ORDER BY t.change_seq LIMIT :limit";
        Query query = handle.createQuery(sql)
                .bind("contributor", contributor.value()).bind("after", after).bind("limit", limit);
        if (filter.updatedSince() != null) {
            query.bind("since", filter.updatedSince().atOffset(ZoneOffset.UTC));
        }
        return query.map((rs, ctx) -> (UserChange) new UserChange.Erased(
                new UserTombstone(new UserId(rs.getObject("id", UUID.class)), contributor,
                        rs.getObject("deleted", OffsetDateTime.class).toInstant()),
                rs.getLong("change_seq"))).list();
    }
}
