package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.StoreHealth;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready when a trivial query answers: a connection within the pool's connection timeout, and
 * the answer within {@link #QUERY_TIMEOUT_SECONDS}.
 */
final class PostgresHealth implements StoreHealth {

    static final int QUERY_TIMEOUT_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresHealth.class);

    private final DataSource dataSource;

    PostgresHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isReady() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet answer = statement.executeQuery("SELECT 1")) {
                return answer.next() && answer.getInt(1) == 1;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("PostgreSQL is not ready: {}", StoreFailures.translate((Throwable) e).getMessage());
            return false;
        }
    }
}
