package dev.enroll.adapter.persistence.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.SigningKeyRepository;
import dev.enroll.application.port.out.StoreHealth;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.application.port.out.UserRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.jdbc.PreferQueryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL store: what the bootstrap wires in. {@link #open} does everything a first run
 * needs (creates the database when missing, migrates it, opens the pool); the stores it hands
 * out share that pool, and {@link #close} closes it.
 *
 * <pre>{@code
 * PostgresStore store = PostgresStore.open(PostgresSettings.of(url, user, password, 10));
 * UserRepository users = store.users();
 * ...
 * store.close();
 * }</pre>
 *
 * Every store may throw {@link dev.enroll.application.port.out.StoreUnavailableException} when
 * PostgreSQL cannot be reached or the pool has no connection to spare in time.
 */
public final class PostgresStore implements AutoCloseable {

    /** The most user writes that share one transaction (see {@link #reportWriteGroupSizesTo}). */
    public static final int MAX_WRITE_GROUP = GroupCommit.MAX_GROUP;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    private static final String READ_COMMITTED = "read committed";

    private final HikariDataSource ownedPool;
    private final GroupCommit groupCommit;
    private final PartnerChanges partnerChanges;
    private final UserRepository users;
    private final UserImportStore imports;
    private final PartnerRepository partners;
    private final SigningKeyRepository signingKeys;
    private final StoreHealth health;
    private final IdempotencyStore idempotency;
    /** Only in a store that owns its pool (a serving process), never in tests' stores with their own clocks. */
    private final Optional<IdempotencyPurge> idempotencyPurge;

    private PostgresStore(DataSource dataSource, HikariDataSource ownedPool, int writers,
                          Duration writeDeadline, DataSource listenerConnections) {
        this.ownedPool = ownedPool;
        this.groupCommit = new GroupCommit(dataSource, writers, writeDeadline);
        this.users = new PostgresUserRepository(dataSource, groupCommit);
        this.imports = new PostgresUserImport(dataSource);
        PartnerRepository table = new PostgresPartnerRepository(dataSource);
        if (listenerConnections == null) {
            this.partnerChanges = null;
            this.partners = table;
        } else {
            CachedPartners cached = new CachedPartners(table);
            this.partnerChanges = new PartnerChanges(listenerConnections, cached);
            this.partners = cached;
        }
        this.signingKeys = new PostgresSigningKeyRepository(dataSource);
        this.health = new PostgresHealth(dataSource);
        this.idempotency = new PostgresIdempotencyStore(dataSource);
        this.idempotencyPurge = ownedPool == null ? Optional.empty()
                : Optional.of(new IdempotencyPurge(idempotency, Clock.systemUTC()));
    }

    /**
     * Creates the database if it is missing and the settings allow it, brings its schema up to
     * date, and opens a pool of {@code settings.poolSize()} connections. Its {@link #partners()}
     * answers lookups by id from a cache that a connection of its own keeps fresh (LISTEN). It does
     * not wait for that connection: the first LISTEN empties the cache, as every later one does,
     * so what was cached before it was heard of lives no longer than that.
     *
     * @throws dev.enroll.application.port.out.StoreUnavailableException when the server cannot be reached
     * @throws IllegalStateException when the server refuses (credentials, privileges, a failed migration)
     */
    public static PostgresStore open(PostgresSettings settings) {
        if (settings.createDatabaseIfMissing()) {
            DatabaseCreator.createIfMissing(settings);
        }
        Migrations.apply(settings);
        HikariDataSource pool = PostgresPool.create(settings);
        try {
            checkServer(pool, PostgresStore::requireWhatWritesNeed, PostgresStore::warnIfAutovacuumIsOff);
            PGSimpleDataSource listenerConnections = settings.unpooled();
            listenerConnections.setApplicationName("enroll-partner-changes");
            PostgresStore store = new PostgresStore(pool, pool, settings.writers(), settings.writeDeadline(),
                    listenerConnections);
            LOG.info("PostgreSQL store open on {} with {} connections, at most {} write transactions at once",
                    settings.target(), settings.poolSize(), settings.writers());
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The store over a pool someone else owns (and closes; {@link #close} leaves it open), on a
     * database that is migrated already. Its connections must use READ COMMITTED, PostgreSQL's
     * default, auto-commit and the extended query protocol, pgjdbc's defaults: the identity checks
     * depend on them, so this checks them once. At most {@link PostgresSettings#DEFAULT_WRITERS}
     * write transactions run at once, and a write waits as long as with the default settings.
     * Partners are read from the table every time: no cache, no listening connection. It runs no
     * background purge of expired idempotency keys: its users (tests, the benchmark) keep keys on
     * clocks of their own, which a purge on the system clock would cut short.
     */
    public static PostgresStore on(DataSource dataSource) {
        checkServer(dataSource, PostgresStore::requireWhatWritesNeed);
        return new PostgresStore(dataSource, null, PostgresSettings.DEFAULT_WRITERS,
                PostgresSettings.writeDeadline(PostgresSettings.DEFAULT_STATEMENT_TIMEOUT), null);
    }

    public UserRepository users() {
        return users;
    }

    /** Imports: each holds one of the pool's connections while it runs. */
    public UserImportStore imports() {
        return imports;
    }

    public PartnerRepository partners() {
        return partners;
    }

    public SigningKeyRepository signingKeys() {
        return signingKeys;
    }

    public IdempotencyStore idempotency() {
        return idempotency;
    }

    public StoreHealth health() {
        return health;
    }

    /**
     * Has the pool {@link #open} opened report its gauges and timers (connections active, idle,
     * pending, timeouts, wait and use times) to {@code registry}, as HikariCP's own Micrometer
     * tracker names them ({@code hikaricp_connections_*}). Once only; a pool someone else owns is
     * theirs to report.
     */
    public void reportPoolMetricsTo(MeterRegistry registry) {
        if (ownedPool != null) {
            ownedPool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /**
     * Has every transaction of user creates and updates that commits report how many writes it held
     * to {@code sizes}: 1 for a write that went alone, up to {@link #MAX_WRITE_GROUP} for writes that
     * arrived together. Called on a writer thread before those writes are answered; it must be quick.
     */
    public void reportWriteGroupSizesTo(IntConsumer sizes) {
        groupCommit.reportCommittedGroupSizesTo(sizes);
    }

    /** Stops the writers and the partner listener, and closes the pool {@link #open} opened; idempotent. */
    @Override
    public void close() {
        if (partnerChanges != null) {
            partnerChanges.close();
        }
        groupCommit.close();
        idempotencyPurge.ifPresent(IdempotencyPurge::close);
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    /** One check of the server a store makes once, when it is made. */
    @FunctionalInterface
    private interface ServerCheck {
        void check(Connection connection) throws SQLException;
    }

    /** Runs {@code checks} in order, on one connection. */
    private static void checkServer(DataSource dataSource, ServerCheck... checks) {
        StoreFailures.guard(() -> {
            try (Connection connection = dataSource.getConnection()) {
                for (ServerCheck check : checks) {
                    check.check(connection);
                }
                return null;
            }
        });
    }

    /**
     * What the writes depend on: READ COMMITTED, so each statement sees what the lock holders
     * before it committed; auto-commit, and the extended query protocol (pgjdbc's default, not
     * {@code preferQueryMode=simple}), so a statement batch is one transaction and a lone write's
     * lock statement and write commit together.
     */
    private static void requireWhatWritesNeed(Connection connection) throws SQLException {
        String isolation = setting(connection, "transaction_isolation");
        if (!READ_COMMITTED.equals(isolation)) {
            throw new IllegalArgumentException("PostgreSQL connections must use READ COMMITTED, not " + isolation);
        }
        if (!connection.getAutoCommit()) {
            throw new IllegalArgumentException("PostgreSQL connections must come from the pool in auto-commit mode");
        }
        if (connection.unwrap(PGConnection.class).getPreferQueryMode() == PreferQueryMode.SIMPLE) {
            throw new IllegalArgumentException(
                    "PostgreSQL connections must use the extended query protocol, not preferQueryMode=simple");
        }
    }

    /**
     * Plans made while the users table was small, never refreshed, probed it by contributor alone,
     * and creates ran eight times slower (docs/persistence.md): an operator should hear of it.
     */
    private static void warnIfAutovacuumIsOff(Connection connection) throws SQLException {
        if ("off".equals(setting(connection, "autovacuum"))) {
            LOG.warn("PostgreSQL runs without autovacuum: the planner's statistics go stale as tables grow,"
                    + " and identity checks may come to read every user of a partner. Turn autovacuum on,"
                    + " or ANALYZE regularly");
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        return Queries.list(connection, "SELECT current_setting(?)", rows -> rows.getString(1), name).get(0);
    }
}
