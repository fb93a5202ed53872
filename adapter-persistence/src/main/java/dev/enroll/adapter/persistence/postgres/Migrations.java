package dev.enroll.adapter.persistence.postgres;

import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database's schema up to date with the Flyway migrations in {@code db/migration}.
 * Safe to run from several instances at once: Flyway serialises them with an advisory lock.
 */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /**
     * Applies every pending migration; returns how many it applied. When every shipped migration
     * is applied already, that is one query and Flyway is not started (see {@link AppliedMigrations}).
     */
    public static int apply(DataSource dataSource) {
        return AppliedMigrations.complete(dataSource) ? 0 : migrate(dataSource);
    }

    /** Applies every pending migration to the settings' database, over a connection of its own. */
    public static int apply(PostgresSettings settings) {
        return namingAMissingDatabase(settings, () -> apply(settings.unpooled()));
    }

    /**
     * As {@link #apply(PostgresSettings)}, but asks whether anything is pending over {@code pool}, a
     * store's pool, so a start on a migrated database opens no connection of its own. Flyway still
     * runs on a connection of its own: the pool's statement timeout would cut a long migration short.
     */
    static int apply(PostgresSettings settings, DataSource pool) {
        return AppliedMigrations.complete(pool) ? 0 : namingAMissingDatabase(settings, () -> migrate(settings.unpooled()));
    }

    private static int migrate(DataSource dataSource) {
        try {
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .group(true)
                    .skipDefaultCallbacks(true)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            if (StoreFailures.isUnavailable(e)) {
                throw StoreFailures.translate((Throwable) e);
            }
            throw new IllegalStateException("Database migration failed: " + e.getMessage(), e);
        }
    }

    private static int namingAMissingDatabase(PostgresSettings settings, IntSupplier migration) {
        try {
            return migration.getAsInt();
        } catch (IllegalStateException e) {
            if (StoreFailures.hasState(e, StoreFailures.INVALID_CATALOG_NAME)) {
                throw missing(settings, e);
            }
            throw e;
        }
    }

    /** The failure that says a database is missing and what to do about it. */
    static IllegalStateException missing(PostgresSettings settings, Exception cause) {
        return new IllegalStateException("Database " + settings.databaseName() + " does not exist on "
                + settings.target() + "; create it, or let the store create it", cause);
    }
}
