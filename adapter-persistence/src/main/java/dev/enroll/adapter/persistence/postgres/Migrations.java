package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.StoreUnavailableException;
import java.util.function.Supplier;
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
        return apply(dataSource, () -> dataSource);
    }

    /**
     * {@code checking} reads the history; {@code migrating}, when something is missing, runs Flyway.
     * It is made only then: a start on a migrated database has no use for it.
     */
    private static int apply(DataSource checking, Supplier<DataSource> migrating) {
        if (AppliedMigrations.complete(checking)) {
            return 0;
        }
        try {
            return Flyway.configure()
                    .dataSource(migrating.get())
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

    /**
     * Applies every pending migration to the settings' database, over a connection of its own,
     * whose statements wait for a lock no longer than {@link PostgresSettings#lockTimeout()}.
     *
     * @throws MigrationBlockedException a statement waited that long for a lock; nothing was applied
     */
    public static int apply(PostgresSettings settings) {
        try {
            // The check is bounded by its own read deadline; only a migration gives up on a lock.
            return apply(settings.unpooled(), settings::migrating);
        } catch (StoreUnavailableException e) {
            if (StoreFailures.hasState(e, StoreFailures.LOCK_NOT_AVAILABLE)) {
                throw new MigrationBlockedException("A migration waited " + settings.lockTimeout().toMillis()
                        + " ms for a lock that another session holds on a table it changes, and gave up; nothing"
                        + " was applied. Start again once that session has ended (pg_stat_activity shows it)", e);
            }
            throw e;
        } catch (IllegalStateException e) {
            if (StoreFailures.hasState(e, StoreFailures.INVALID_CATALOG_NAME)) {
                throw new IllegalStateException("Database " + settings.databaseName() + " does not exist on "
                        + settings.target() + "; create it, or let the store create it", e);
            }
            throw e;
        }
    }
}
