package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.StoreHealth;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready when the tables every request needs can be read: a connection within the pool's
 * connection timeout, and the answer within {@link #PROBE_TIMEOUT}, so the probe itself never
 * hangs. Reading the tables, not just {@code SELECT 1}, makes a locked table (the lock timeout)
 * show as not ready, as it is for every request; a server that stopped answering fails the
 * probe at the probe's own network timeout.
 */
final class PostgresHealth implements StoreHealth {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final String PROBE = "SELECT EXISTS (SELECT FROM users) OR EXISTS (SELECT FROM partners)";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresHealth.class);

    private final DataSource dataSource;

    PostgresHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isReady() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            // The pool puts the connection's own network timeout back when it is returned. No query
            // timeout: the server's statement and lock timeouts end a slow probe there, and a
            // client-side one would send a cancel that a dead server makes the probe wait for.
            connection.setNetworkTimeout(Runnable::run, (int) PROBE_TIMEOUT.toMillis());
            try (ResultSet answer = statement.executeQuery(PROBE)) {
                return answer.next();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("PostgreSQL is not ready: {}", StoreFailures.translate((Throwable) e).getMessage());
            return false;
        }
    }
}
