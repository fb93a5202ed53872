package dev.enroll.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the PostgreSQL store lives and how it connects. {@code user} and {@code password} may be
 * null when the URL or the server's authentication settle them. Neither the password nor the
 * URL's parameters (which may hold one) ever appear in {@link #toString()} or in messages.
 *
 * @param poolSize                the connections the store keeps open, at most
 * @param writers                 the threads that write new users in groups, each holding one of
 *                                the pool's connections while it writes (see {@link GroupCommit});
 *                                from 1 to {@code poolSize}
 * @param connectionTimeout       how long a request waits for a connection before the store
 *                                reports itself unavailable
 * @param statementTimeout        how long PostgreSQL runs one statement before cancelling it; the
 *                                other deadlines on the database path follow from it (see
 *                                {@link #socketTimeout()}, {@link #lockTimeout()}, {@link #writeDeadline()})
 * @param createDatabaseIfMissing whether {@link PostgresStore#open} creates the URL's database
 *                                when the server does not have it yet
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int poolSize, int writers,
                               Duration connectionTimeout, Duration statementTimeout,
                               boolean createDatabaseIfMissing) {

    /**
     * Two: fewer writers make bigger groups, so less work per user while the database is busy,
     * and a second one keeps creates moving while the other waits on a lock. One, two, four and
     * eight were each tried in short runs; none beat two beyond the noise (docs/benchmark.md).
     */
    public static final int DEFAULT_WRITERS = 2;

    /**
     * Short: a request that cannot get a connection in two seconds will not get one in time to be
     * useful, and the client is better off hearing 503 and retrying (docs/persistence.md, deadlines).
     */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** HikariCP refuses anything shorter. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    /**
     * Every statement Enroll runs takes milliseconds; two seconds means the server is in trouble.
     * Short enough that a dead connection (the socket timeout, a second more) fails a request
     * well within five seconds.
     */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Opening a connection (TCP, then start-up and login): longer than a request waits for one,
     * since a busy server may take seconds to start a backend, and the pool opens connections in
     * the background while requests wait at most {@code connectionTimeout}.
     */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);
    /** How long sending a cancel (a query timeout's) may take: connecting, and the server's answer. */
    static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(1);
    /** No database can be called this (PostgreSQL names hold no NUL). */
    private static final String NO_DATABASE = "\u0000";
    /** pgjdbc's socket timeout counts whole seconds. */
    public static final Duration MIN_STATEMENT_TIMEOUT = Duration.ofSeconds(1);
    /** A transaction left open by a broken client code path is ended by the server after this long. */
    static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long creating the database or a migration's statement may go without a byte from the
     * server: a migration may rightly run long (a rewrite of a million users' rows), and a
     * creation may wait for another instance's, but a server that stopped answering must end the
     * start rather than hold it for ever.
     */
    static final Duration MIGRATION_READ_TIMEOUT = Duration.ofMinutes(10);

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (!isPostgresUrl(jdbcUrl)) {
            throw new IllegalArgumentException("jdbcUrl must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        user = agreed(jdbcUrl, PGProperty.USER, user);
        password = agreed(jdbcUrl, PGProperty.PASSWORD, password);
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
        if (writers < 1 || writers > poolSize) {
            throw new IllegalArgumentException("writers must be from 1 to the pool size (" + poolSize + ")");
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least " + MIN_CONNECTION_TIMEOUT.toMillis() + " ms");
        }
        if (statementTimeout.compareTo(MIN_STATEMENT_TIMEOUT) < 0 || statementTimeout.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("statementTimeout must be a whole number of seconds, at least 1");
        }
    }

    /** Whether the PostgreSQL driver reads {@code jdbcUrl} as one of its URLs: the one test of a URL, for configuration too. */
    public static boolean isPostgresUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") && Driver.parseURL(jdbcUrl, new Properties()) != null;
    }

    /**
     * The parameters of {@code jdbcUrl} the PostgreSQL driver does not know, in order: it would
     * ignore them without a word, so {@code sslmod=require} would connect without TLS.
     */
    public static List<String> unknownParameters(String jdbcUrl) {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            return List.of();
        }
        return parsed.stringPropertyNames().stream().filter(name -> PGProperty.forName(name) == null).sorted().toList();
    }

    /**
     * Settings with the default writers (fewer if the pool is smaller) and connection timeout,
     * that create the database when it is missing.
     */
    public static PostgresSettings of(String jdbcUrl, String user, String password, int poolSize) {
        return new PostgresSettings(jdbcUrl, user, password, poolSize, defaultWriters(poolSize),
                DEFAULT_CONNECTION_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT, true);
    }

    /** {@link #DEFAULT_WRITERS}, or fewer when the pool has fewer connections. */
    public static int defaultWriters(int poolSize) {
        return Math.min(DEFAULT_WRITERS, poolSize);
    }

    public PostgresSettings withConnectionTimeout(Duration timeout) {
        return new PostgresSettings(jdbcUrl, user, password, poolSize, writers, timeout, statementTimeout,
                createDatabaseIfMissing);
    }

    public PostgresSettings withStatementTimeout(Duration timeout) {
        return new PostgresSettings(jdbcUrl, user, password, poolSize, writers, connectionTimeout, timeout,
                createDatabaseIfMissing);
    }

    /**
     * How long the driver waits for the server's next bytes before it gives the connection up as
     * broken: a second longer than a statement may run, so the server cancels a slow statement
     * first, and a connection that stopped carrying bytes (a network black hole) fails soon after.
     */
    public Duration socketTimeout() {
        return socketTimeout(statementTimeout);
    }

    private static Duration socketTimeout(Duration statementTimeout) {
        return statementTimeout.plusSeconds(1);
    }

    /**
     * How long a statement waits for a lock (a locked table, another write's advisory lock): as
     * long as a statement may run, so a lock wait fails with its own SQLState ("lock timeout",
     * 55P03) rather than as a cancelled statement.
     */
    public Duration lockTimeout() {
        return statementTimeout;
    }

    /**
     * How long a create waits for its turn with a writer and its commit: as long as one statement
     * may take to fail on a dead connection. Beyond it the caller hears "unavailable".
     */
    public Duration writeDeadline() {
        return writeDeadline(statementTimeout);
    }

    /** The write deadline of settings with {@code statementTimeout}, for a store on a pool it did not make. */
    static Duration writeDeadline(Duration statementTimeout) {
        return socketTimeout(statementTimeout);
    }

    /** These settings with a pool of {@code size}, and no more writers than it has connections. */
    public PostgresSettings withPoolSize(int size) {
        return new PostgresSettings(jdbcUrl, user, password, size, Math.min(writers, size),
                connectionTimeout, statementTimeout, createDatabaseIfMissing);
    }

    public PostgresSettings withWriters(int count) {
        return new PostgresSettings(jdbcUrl, user, password, poolSize, count, connectionTimeout,
                statementTimeout, createDatabaseIfMissing);
    }

    public PostgresSettings withoutDatabaseCreation() {
        return new PostgresSettings(jdbcUrl, user, password, poolSize, writers, connectionTimeout,
                statementTimeout, false);
    }

    /** Host, port and database, for messages and logs: nothing secret. */
    public String target() {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        return parsed.getProperty("PGHOST") + ":" + parsed.getProperty("PGPORT") + "/" + parsed.getProperty("PGDBNAME", "");
    }

    /** The database the URL names; empty when it names none (the server then uses the user's name). */
    public String databaseName() {
        return databaseNameOf(jdbcUrl);
    }

    /**
     * The database a PostgreSQL JDBC URL ({@link #isPostgresUrl}) spells; empty when it spells
     * none. pgjdbc would take the URL's {@code user=} then, as libpq does; a default passed in
     * (a name no URL can spell) is how to tell.
     */
    public static String databaseNameOf(String jdbcUrl) {
        Properties unspelled = new Properties();
        unspelled.setProperty(PGProperty.PG_DBNAME.getName(), NO_DATABASE);
        // As the given properties' own defaults, the sentinel ranks below a service file's dbname.
        String name = Driver.parseURL(jdbcUrl, new Properties(unspelled))
                .getProperty(PGProperty.PG_DBNAME.getName(), NO_DATABASE);
        return name.equals(NO_DATABASE) ? "" : name;
    }

    /**
     * The {@code user} or {@code password} every connection uses: {@code given}, else the URL's
     * ({@code ?user=…}), else null. pgjdbc lets a URL's parameter win over a pool's setting but not
     * over a data source's, so a given value unlike the URL's would open the database (create it,
     * migrate it) as one user and serve it as another.
     *
     * @throws IllegalArgumentException both are given and differ; the message names the parameter, never a value
     */
    static String agreed(String jdbcUrl, PGProperty parameter, String given) {
        String inUrl = Driver.parseURL(jdbcUrl, new Properties()).getProperty(parameter.getName());
        if (given != null && inUrl != null && !inUrl.equals(given)) {
            throw new IllegalArgumentException("the " + parameter.getName() + " given and the one in the URL differ");
        }
        return given != null ? given : inUrl;
    }

    /** {@link #agreed} for the user. */
    public static String agreedUser(String jdbcUrl, String given) {
        return agreed(jdbcUrl, PGProperty.USER, given);
    }

    /** {@link #agreed} for the password. */
    public static String agreedPassword(String jdbcUrl, String given) {
        return agreed(jdbcUrl, PGProperty.PASSWORD, given);
    }

    /**
     * A single, unpooled connection source: for creating the database, which may rightly wait for
     * another instance creating it, and for the partner listener, which bounds its own reads.
     */
    PGSimpleDataSource unpooled() {
        return connections(new PGSimpleDataSource(), "", MIGRATION_READ_TIMEOUT);
    }

    /**
     * Unpooled connections for the migrations. A migration may run long, but never wait long for
     * a lock: while its ALTER TABLE waits, every statement on that table queues behind it, the
     * serving instances' included. So it waits no longer than {@link #lockTimeout()}.
     */
    PGSimpleDataSource migrating() {
        return connections(new PGSimpleDataSource(), lockTimeoutOption(), MIGRATION_READ_TIMEOUT);
    }

    /** {@link #lockTimeout()} as a start-up {@code -c} option: the pool's and the migrations' alike. */
    String lockTimeoutOption() {
        return "-c lock_timeout=" + lockTimeout().toMillis();
    }

    /**
     * {@code dataSource} set up for the URL's database as the user every connection uses, with
     * Enroll's deadlines: opening ({@link #OPEN_TIMEOUT}), {@code readTimeout}, and
     * {@code serverSettings} (start-up {@code -c} options). What the URL spells itself wins, its
     * own {@code options} included: they come after ours, joined to them, where a URL's
     * {@code options} would replace a pool's outright, and every server-side deadline with them.
     * Server error details, which quote row values (personal data), are always kept out of
     * exception messages.
     */
    <T extends PGSimpleDataSource> T connections(T dataSource, String serverSettings, Duration readTimeout) {
        dataSource.setApplicationName("enroll");
        // As properties: a pool may override the login timeout through setLoginTimeout (PostgresPool).
        dataSource.setProperty(PGProperty.CONNECT_TIMEOUT, String.valueOf(wholeSeconds(OPEN_TIMEOUT)));
        dataSource.setProperty(PGProperty.LOGIN_TIMEOUT, String.valueOf(wholeSeconds(OPEN_TIMEOUT)));
        dataSource.setProperty(PGProperty.SOCKET_TIMEOUT, String.valueOf(wholeSeconds(readTimeout)));
        // A query timeout's cancel goes to the server over a connection of its own, and the statement
        // that timed out waits for it: through a server that stopped answering, pgjdbc's default of
        // 10 s for it held a 2 s probe for 12 s (StoreUnavailableTest).
        dataSource.setProperty(PGProperty.CANCEL_SIGNAL_TIMEOUT, String.valueOf(wholeSeconds(CANCEL_TIMEOUT)));
        // What setURL does, less the defaults: setURL sets every one of pgjdbc's properties, so each
        // connection's URL would spell them all (1.3 kB), parsed again by the driver and scanned with
        // regular expressions by Flyway: a fifth of the migrations' start-up cost.
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        for (PGProperty property : PGProperty.values()) {
            String value = parsed.getProperty(property.getName());
            if (value != null) {
                dataSource.setProperty(property, value);
            }
        }
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        String options = Stream.of(serverSettings, parsed.getProperty(PGProperty.OPTIONS.getName()))
                .filter(given -> given != null && !given.isBlank()).collect(Collectors.joining(" "));
        if (!options.isEmpty()) {
            dataSource.setOptions(options);
        }
        dataSource.setLogServerErrorDetail(false);
        return dataSource;
    }

    /**
     * Bounds every read on {@code connection}: past {@code limit} without an answer it fails and
     * is closed. The driver times reads on the reading thread, so no executor is needed.
     */
    static void boundReads(Connection connection, Duration limit) throws SQLException {
        connection.setNetworkTimeout(Runnable::run, (int) limit.toMillis());
    }

    /** pgjdbc counts its timeouts in whole seconds; never 0, which means "no limit". */
    static int wholeSeconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    @Override
    public String toString() {
        return "PostgresSettings[target=" + target() + ", user=" + user + ", poolSize=" + poolSize
                + ", writers=" + writers + ", connectionTimeout=" + connectionTimeout + ", statementTimeout=" + statementTimeout
                + ", createDatabaseIfMissing=" + createDatabaseIfMissing
                + "]";
    }
}
