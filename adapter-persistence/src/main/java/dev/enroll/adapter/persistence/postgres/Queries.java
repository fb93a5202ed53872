package dev.enroll.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The adapter's one way to run a statement: plain JDBC on a pooled connection, positional
 * parameters bound in order, failures translated by {@link StoreFailures}. Plain JDBC because
 * every request runs some of these, and a mapping layer would cost more CPU than the query.
 */
final class Queries {

    /** Reads the current row of a result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Puts back the connection settings a transaction changed. */
    @FunctionalInterface
    interface Restore {
        void run() throws SQLException;
    }

    private Queries() {
    }

    /**
     * Runs {@code work} as one transaction on {@code connection}: committed when it returns, rolled
     * back when it throws; then auto-commit is on again and {@code restore} puts back whatever
     * else the caller changed. On a connection that broke, the rollback and the restore fail as
     * well (HikariCP's "Connection is closed", with no SQLState): the failure thrown is the first,
     * which says why (an I/O error: the store is unavailable), with theirs suppressed. After a
     * commit, a restore that fails is left to the connection's next use, which fails the same way;
     * the pool drops a broken connection.
     */
    static <T> T inTransaction(Connection connection, StoreFailures.Work<T> work, Restore restore)
            throws SQLException {
        connection.setAutoCommit(false);
        Restore back = () -> {
            connection.setAutoCommit(true);
            restore.run();
        };
        T result;
        try {
            result = work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                back.run();
            } catch (SQLException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        try {
            back.run();
        } catch (SQLException brokenAfterTheCommit) {
            // The work is committed and its answer stands; see above.
        }
        return result;
    }

    /** The row {@code sql} finds for {@code parameters}, read by {@code reader}; empty for none. */
    static <T> Optional<T> one(DataSource dataSource, String sql, RowReader<T> reader, Object... parameters) {
        List<T> rows = list(dataSource, sql, reader, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("a lookup by key found more than one row");
        }
        return rows.stream().findFirst();
    }

    /** Every row {@code sql} finds for {@code parameters}, in the order the query gives them. */
    static <T> List<T> list(DataSource dataSource, String sql, RowReader<T> reader, Object... parameters) {
        return StoreFailures.guard(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return list(connection, sql, reader, parameters);
            }
        });
    }

    /** Like {@link #list(DataSource, String, RowReader, Object...)}, on a connection the caller holds. */
    static <T> List<T> list(Connection connection, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> found = new ArrayList<>();
            while (rows.next()) {
                found.add(reader.read(rows));
            }
            return found;
        }
    }

    /** The row count of {@code sql}, an INSERT, UPDATE or DELETE without RETURNING. */
    static int update(DataSource dataSource, String sql, Object... parameters) {
        return StoreFailures.guard(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
