package dev.enroll.adapter.persistence.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.SigningKeyRepository;
import dev.enroll.application.port.out.StoreHealth;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.application.port.out.UserRepository;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.PGConnection;
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

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    private static final String READ_COMMITTED = "read committed";

    private final HikariDataSource ownedPool;
    private final GroupCommit groupCommit;
    private final UserRepository users;
    private final UserImportStore imports;
    private final PartnerRepository partners;
    private final SigningKeyRepository signingKeys;
    private final StoreHealth health;

    private PostgresStore(DataSource dataSource, Jdbi jdbi, HikariDataSource ownedPool, int writers) {
        this.ownedPool = ownedPool;
        this.groupCommit = new GroupCommit(dataSource, writers);
        this.users = new JdbiUserRepository(dataSource, jdbi, groupCommit);
        this.imports = new PostgresUserImport(dataSource);
        this.partners = new JdbiPartnerRepository(dataSource, jdbi);
        this.signingKeys = new JdbiSigningKeyRepository(jdbi);
        this.health = new PostgresHealth(jdbi);
    }

    /**
     * Creates the database if it is missing and the settings allow it, brings its schema up to
     * date, and opens a pool of {@code settings.poolSize()} connections.
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
            PostgresStore store = new PostgresStore(pool, checked(jdbi(pool)), pool, settings.writers());
            LOG.info("PostgreSQL store open on {} with {} connections, at most {} create transactions at once",
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
     * and grouped writes depend on them, so this checks them once. At most
     * {@link PostgresSettings#DEFAULT_WRITERS} create transactions run at once.
     */
    public static PostgresStore on(DataSource dataSource) {
        return new PostgresStore(dataSource, checked(jdbi(dataSource)), null, PostgresSettings.DEFAULT_WRITERS);
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

    public StoreHealth health() {
        return health;
    }

    /** Stops the group-commit writers, and closes the pool {@link #open} opened; idempotent. */
    @Override
    public void close() {
        groupCommit.close();
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        // Statement parameters are personal data: keep them out of exception messages.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    /**
     * Checks, once, what the writes depend on: READ COMMITTED, so each statement sees what the
     * lock holders before it committed; auto-commit, and the extended query protocol (pgjdbc's
     * default, not {@code preferQueryMode=simple}), so a statement batch is one transaction and
     * a lone write's lock statement and write commit together.
     */
    private static Jdbi checked(Jdbi jdbi) {
        return StoreFailures.guard(() -> jdbi.withHandle(handle -> {
            requireWhatWritesNeed(handle);
            return jdbi;
        }));
    }

    private static void requireWhatWritesNeed(Handle handle) throws SQLException {
        String isolation = handle.createQuery("SELECT current_setting('transaction_isolation')")
                .mapTo(String.class).one();
        if (!READ_COMMITTED.equals(isolation)) {
            throw new IllegalArgumentException("PostgreSQL connections must use READ COMMITTED, not " + isolation);
        }
        Connection connection = handle.getConnection();
        if (!connection.getAutoCommit()) {
            throw new IllegalArgumentException("PostgreSQL connections must come from the pool in auto-commit mode");
        }
        if (connection.unwrap(PGConnection.class).getPreferQueryMode() == PreferQueryMode.SIMPLE) {
            throw new IllegalArgumentException(
                    "PostgreSQL connections must use the extended query protocol, not preferQueryMode=simple");
        }
    }
}
