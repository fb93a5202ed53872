package dev.enroll.adapter.persistence.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** Builds the HikariCP connection pool the PostgreSQL store runs on. */
public final class PostgresPool {

    private static final Duration MAX_VALIDATION_TIMEOUT = Duration.ofSeconds(2);

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
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        // A fixed-size pool, as HikariCP advises: no connection storms when load arrives.
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(),
                MAX_VALIDATION_TIMEOUT.toMillis()));
        // The identity checks rely on each statement seeing what committed before it started.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setAutoCommit(true);
        // Server error details quote row values (personal data); keep them out of exception messages.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        config.addDataSourceProperty("ApplicationName", "enroll");
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, settings.connectionTimeout().toSeconds())));
        return config;
    }
}
