package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.DeleteOutcome;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Erases a user: one statement deletes the row (so every personal value and identity goes with
 * it) and writes the tombstone, which takes the next change number from the trigger. It takes
 * the contributor's change lock first, before the DELETE locks the row, as every writer does
 * (V8's {@code lock_user_writes}); it claims no identity, so it takes no other lock.
 * The deleted row's space is reclaimed by VACUUM, as for any deleted row.
 */
final class UserErasure {

    private static final String ERASE = "WITH gone AS (DELETE FROM users "
            + "WHERE contributor_id = ? AND id = ? AND version = ? RETURNING contributor_id, id)\n"
            + "INSERT INTO user_tombstones (contributor_id, id, deleted) SELECT contributor_id, id, ? FROM gone";
    /** The lock statement, then the erasure: sent together, run as one implicit transaction. */
    private static final String BATCH = "SELECT " + IdentityLocks.TAKE + ";\n" + ERASE;
    private static final long[] NO_IDENTITY_KEYS = {};
    private static final String VERSION_OF = "SELECT version FROM users WHERE contributor_id = ? AND id = ?";

    private final DataSource dataSource;

    UserErasure(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DeleteOutcome delete(ContributorId contributor, UserId id, long expectedVersion, Instant deleted) {
        int erased = StoreFailures.guard(() -> {
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement statement = connection.prepareStatement(BATCH)) {
                    int next = IdentityLocks.bind(statement, 1, contributor, NO_IDENTITY_KEYS);
                    statement.setString(next++, contributor.value());
                    statement.setObject(next++, id.value());
                    statement.setLong(next++, expectedVersion);
                    statement.setObject(next, deleted.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                    statement.execute();
                    // The first result is the lock query's row; the next is the erasure's count.
                    statement.getMoreResults();
                    return statement.getUpdateCount();
                }
            }
        });
        if (erased == 1) {
            return DeleteOutcome.DELETED;
        }
        Optional<Long> stored = Queries.one(dataSource, VERSION_OF, rs -> rs.getLong(1), contributor.value(),
                id.value());
        return stored.isEmpty() ? DeleteOutcome.NOT_FOUND : DeleteOutcome.VERSION_CONFLICT;
    }
}
