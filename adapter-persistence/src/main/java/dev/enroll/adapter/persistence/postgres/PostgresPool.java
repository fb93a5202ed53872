package dev.enroll.adapter.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/** Builds the HikariCP connection pool the PostgreSQL store runs on. */
public final class PostgresPool {

    private static final Duration MAX_VALIDATION_TIMEOUT = Duration.ofSeconds(1);

    private PostgresPool() {
    }

    /**
     * A pool of {@code settings.poolSize()} connections, opened at once: an unreachable server
     * fails here, with {@link dev.enroll.application.port.out.StoreUnavailableException}, rather
     * than on the first request. The caller closes it.
     */
    public static HikariDataSource create(PostgresSettings settings) {
        try {
            return new HikariDataSource(config(settings));
        } catch (RuntimeException e) {
            throw StoreFailures.translate((Throwable) e);
        }
    }

    static HikariConfig config(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("enroll-postgres");
        // Every wait on the database has a deadline (docs/persistence.md, "Deadlines"): opening a
        // connection, each read from the server, and, on the server, each statement, each lock
        // wait and a transaction left idle. Set per connection at start-up, never server-wide.
        config.setDataSource(settings.connections(new PoolConnections(), serverTimeouts(settings),
                settings.socketTimeout()));
        // A fixed-size pool, as HikariCP advises: no connection storms when load arrives.
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(),
                MAX_VALIDATION_TIMEOUT.toMillis()));
        // The identity checks rely on each statement seeing what committed before it started.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setAutoCommit(true);
        return config;
    }

    /** The server-side timeouts, as the connection's start-up {@code options}. */
    static String serverTimeouts(PostgresSettings settings) {
        return "-c statement_timeout=" + settings.statementTimeout().toMillis()
                + " " + settings.lockTimeoutOption()
                + " -c idle_in_transaction_session_timeout=" + PostgresSettings.IDLE_IN_TRANSACTION_TIMEOUT.toMillis();
    }

    /**
     * HikariCP sets the login timeout of a data source it is given to its own connection timeout
     * (plus half a second): how long a request waits for a connection, 2 s. Opening one has a
     * deadline of its own, longer, since a busy server may take seconds to start a backend and
     * the pool opens connections in the background (or the URL's {@code loginTimeout}); so here
     * that call does nothing.
     */
    private static final class PoolConnections extends PGSimpleDataSource {

        private static final long serialVersionUID = 1L;

        @Override
        public void setLoginTimeout(int seconds) {
            // The login timeout is the property PostgresSettings.connections sets.
        }
    }
}
