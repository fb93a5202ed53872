package dev.enroll.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A query by key that answers at most one row, in plain JDBC. Every request looks its partner
 * up, and every read its user: on these paths JDBI's handle, statement and mapper layers cost
 * more CPU than the query does (docs/benchmark.md has the profile).
 */
final class KeyLookup {

    /** Reads the current row of a result set. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private KeyLookup() {
    }

    /** The row {@code sql} finds for {@code keys} (bound in order), read by {@code reader}; empty for none. */
    static <T> Optional<T> one(DataSource dataSource, String sql, RowReader<T> reader, Object... keys) {
        return StoreFailures.guard(() -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < keys.length; i++) {
                    statement.setObject(i + 1, keys[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    T found = reader.read(rows);
                    if (rows.next()) {
                        throw new IllegalStateException("a lookup by key found more than one row");
                    }
                    return Optional.of(found);
                }
            }
        });
    }
}
