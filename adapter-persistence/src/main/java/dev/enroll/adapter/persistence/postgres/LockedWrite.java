package dev.enroll.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs one write behind advisory locks, as one transaction in one round trip. The lock statement
 * and the write travel to the server together and it runs them in order, as one implicit
 * transaction that commits once both are done, releasing the locks. Under READ COMMITTED the
 * write takes its snapshot when it starts, after the locks were granted, so its checks see every
 * row committed by whoever held a lock before.
 *
 * <p>The connection must be in auto-commit mode (the pool's default); in an explicit transaction
 * this stays correct but holds the locks until that transaction ends.
 *
 * <p>Plain JDBC with positional parameters, not JDBI: this is the path of every create and
 * update, and JDBI's handle and statement layers cost more CPU per insert than the identity
 * checks do (docs/persistence.md has the numbers).
 */
final class LockedWrite {

    /** Binds a write's own parameters, from the given index on. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    private LockedWrite() {
    }

    /**
     * Takes the advisory locks whose keys the one parameter holds, sorted ascending by the caller:
     * {@code unnest} yields an array's elements in order, and the volatile lock function runs once
     * per row as it comes. Every locked write takes its locks with this statement, alone or in a
     * group ({@link GroupCommit}), so all take them in the same order.
     */
    static final String LOCK_ALL = "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k";

    /**
     * The statement batch: {@link #LOCK_ALL}, then {@code writeSql}. Build it once per write shape
     * and reuse the very string, so each connection prepares it once.
     */
    static String batch(String writeSql) {
        return LOCK_ALL + ";\n" + writeSql;
    }

    /** Runs a batch made by {@link #batch} with {@code lockKeys} (sorted), and returns the write's row count. */
    static int execute(Connection connection, String batch, long[] lockKeys, Parameters parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(batch)) {
            statement.setObject(1, lockKeys);
            parameters.bind(statement, 2);
            statement.execute();
            // The first result is the lock query's row; the next is the write's count.
            statement.getMoreResults();
            return statement.getUpdateCount();
        }
    }
}
