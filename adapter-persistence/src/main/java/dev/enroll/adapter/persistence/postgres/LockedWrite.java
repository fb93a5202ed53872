package dev.enroll.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;

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
     * The statement batch: a statement taking {@code locks} locks, then {@code writeSql}. Build it
     * once per shape and reuse the very string, so each connection prepares it once.
     */
    static String batch(int locks, String writeSql) {
        // A select list is evaluated left to right: the keys, sorted by the caller, are taken in ascending order.
        return "SELECT " + String.join(", ", Collections.nCopies(locks, "pg_advisory_xact_lock(?)")) + ";\n" + writeSql;
    }

    /** Runs a batch made by {@link #batch} with {@code lockKeys} (sorted), and returns the write's row count. */
    static int execute(Connection connection, String batch, long[] lockKeys, Parameters parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(batch)) {
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
}
