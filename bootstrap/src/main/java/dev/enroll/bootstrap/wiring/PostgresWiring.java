package dev.enroll.bootstrap.wiring;

import dev.enroll.adapter.persistence.postgres.DatabaseCreator;
import dev.enroll.adapter.persistence.postgres.Migrations;
import dev.enroll.adapter.persistence.postgres.PostgresSettings;
import dev.enroll.adapter.persistence.postgres.PostgresStore;
import dev.enroll.bootstrap.config.Config;

/** The PostgreSQL store from configuration: created when missing, migrated, pooled. */
final class PostgresWiring {

    private PostgresWiring() {
    }

    static Stores open(Config config) {
        return open(config, config.dbPoolSize());
    }

    /** The store over a pool of {@code poolSize} connections (and no more writers than that). */
    static Stores open(Config config, int poolSize) {
        PostgresStore store = PostgresStore.open(settings(config).withPoolSize(poolSize));
        return new Stores(store.users(), store.partners(), store.signingKeys(), store.health(), store::close,
                store.imports());
    }

    /** Creates the database when missing and applies pending migrations; returns how many ran. */
    static int migrate(Config config) {
        PostgresSettings settings = settings(config);
        DatabaseCreator.createIfMissing(settings);
        return Migrations.apply(settings);
    }

    private static PostgresSettings settings(Config config) {
        return PostgresSettings.of(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize())
                .withWriters(config.dbWriters());
    }
}
