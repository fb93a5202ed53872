package dev.enroll.bootstrap.wiring;

import dev.enroll.adapter.persistence.embedded.EmbeddedPostgres;
import dev.enroll.adapter.persistence.postgres.DatabaseCreator;
import dev.enroll.adapter.persistence.postgres.Migrations;
import dev.enroll.adapter.persistence.postgres.PostgresSettings;
import dev.enroll.adapter.persistence.postgres.PostgresStore;
import dev.enroll.bootstrap.config.Config;
import dev.enroll.bootstrap.config.ConfigException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.DoubleStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL store from configuration: created when missing, migrated, pooled. Without
 * {@value Config#DB_URL}, the database lives on the embedded development server in
 * {@value Config#DATA_DIR}, shared with every other process on that directory.
 */
final class PostgresWiring {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresWiring.class);
    private static final String EMBEDDED_DATABASE = "enroll";

    private PostgresWiring() {
    }

    /** The serving store, its pool and its write groups reporting to {@code meters}. */
    static Stores open(Config config, MeterRegistry meters) {
        DistributionSummary groupSizes = writeGroupSizes(meters);
        return open(config, config.dbPoolSize(), store -> {
            store.reportPoolMetricsTo(meters);
            store.reportWriteGroupSizesTo(groupSizes::record);
        });
    }

    /**
     * How many user writes shared each commit, so operators see how much grouping the load brings
     * about; buckets double from 1 up to the largest group the store makes.
     */
    private static DistributionSummary writeGroupSizes(MeterRegistry meters) {
        double[] buckets = DoubleStream.concat(
                DoubleStream.iterate(1, size -> size < PostgresStore.MAX_WRITE_GROUP, size -> size * 2),
                DoubleStream.of(PostgresStore.MAX_WRITE_GROUP)).toArray();
        return DistributionSummary.builder("enroll.user.write.group.size")
                .description("User creates and updates committed in one transaction, per commit")
                .serviceLevelObjectives(buckets)
                .register(meters);
    }

    /** The store over a pool of {@code poolSize} connections (and no more writers than that). */
    static Stores open(Config config, int poolSize) {
        return open(config, poolSize, store -> { });
    }

    private static Stores open(Config config, int poolSize, Consumer<PostgresStore> instrument) {
        Optional<EmbeddedPostgres> embedded = embedded(config);
        try {
            PostgresStore store = PostgresStore.open(settings(config, embedded).withPoolSize(poolSize));
            instrument.accept(store);
            return new Stores(store.users(), store.partners(), store.signingKeys(), store.health(),
                    store.idempotency(), store.imports(), () -> {
                        try {
                            store.close();
                        } finally {
                            embedded.ifPresent(EmbeddedPostgres::close);
                        }
                    });
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedPostgres::close);
            throw e;
        }
    }

    /** Creates the database when missing and applies pending migrations; returns how many ran. */
    static int migrate(Config config) {
        Optional<EmbeddedPostgres> embedded = embedded(config);
        try {
            PostgresSettings settings = settings(config, embedded);
            DatabaseCreator.createIfMissing(settings);
            return Migrations.apply(settings);
        } finally {
            embedded.ifPresent(EmbeddedPostgres::close);
        }
    }

    private static Optional<EmbeddedPostgres> embedded(Config config) {
        if (config.dbUrl().isPresent()) {
            return Optional.empty();
        }
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.start(config.dataDir());
        } catch (UncheckedIOException e) {
            // The directory cannot be made or written (a file, a read-only place): the operator's to fix.
            throw new ConfigException(Config.DATA_DIR + " " + config.dataDir() + " cannot hold the embedded"
                    + " PostgreSQL (" + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()
                    + "); point it at a directory this user may write, or set " + Config.DB_URL);
        }
        LOG.warn("{} is not set: using the embedded development PostgreSQL (data in {}, port {}). It is for"
                        + " trying Enroll out on this machine; to use a real server, set {} (and {}, {}).",
                Config.DB_URL, config.dataDir().toAbsolutePath().normalize(), server.port(), Config.DB_URL,
                Config.DB_USER, Config.DB_PASSWORD);
        return Optional.of(server);
    }

    private static PostgresSettings settings(Config config, Optional<EmbeddedPostgres> embedded) {
        PostgresSettings settings = embedded
                .map(server -> PostgresSettings.of(server.jdbcUrl(EMBEDDED_DATABASE), EmbeddedPostgres.USER, "",
                        config.dbPoolSize()))
                .orElseGet(() -> PostgresSettings.of(config.dbUrl().orElseThrow(), config.dbUser(),
                        config.dbPassword(), config.dbPoolSize()));
        return settings.withWriters(config.dbWriters());
    }
}
