package dev.enroll.adapter.persistence.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.adapter.persistence.postgres.Migrations;
import dev.enroll.adapter.persistence.postgres.PostgresPool;
import dev.enroll.adapter.persistence.postgres.PostgresSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL database for tests: a uniquely named database ({@code enroll_test_…})
 * on a real server, created and migrated by {@link #create()}, dropped by {@link #close()} (or,
 * should a test run end without closing it, when the JVM exits).
 *
 * <p>The server is the one the environment names, if it does: {@value #URL_VARIABLE} (the JDBC
 * URL of the server's maintenance database, e.g. {@code jdbc:postgresql://db.example:5432/postgres}),
 * {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE} (the user needs CREATEDB); when that
 * server cannot be reached, {@code create()} fails (tests never skip). Otherwise it is
 * {@code localhost:5432} as user {@code postgres} when that answers, and else an embedded
 * PostgreSQL started once per test JVM in a temporary directory (see {@link TestServer}), so
 * the tests need no PostgreSQL installed. {@value TestServer#CHOICE_VARIABLE}{@code =embedded}
 * (or {@code -D}{@value TestServer#CHOICE_PROPERTY}{@code =embedded}) skips {@code localhost:5432}.
 *
 * <p>One database per test class, from {@code @BeforeAll} to {@code @AfterAll}:
 *
 * <pre>{@code
 * class SomethingTest {
 *     private static TestDatabase database;
 *     private static PostgresStore store;
 *
 *     @BeforeAll
 *     static void createDatabase() {
 *         database = TestDatabase.create();
 *         store = PostgresStore.on(database.dataSource());   // or PostgresStore.open(database.settings())
 *     }
 *
 *     @AfterAll
 *     static void dropDatabase() {
 *         database.close();
 *     }
 * }
 * }</pre>
 *
 * The stores' contract suites need no cleaning between tests (each test uses contributors of its
 * own); a test that does can call {@link #truncate()}. For a process that should create the
 * database itself (the bootstrap on first run), {@link #reserve()} hands out a name and URL
 * without creating anything; {@code close()} still drops whatever was created under that name.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String URL_VARIABLE = "ENROLL_TEST_DB_URL";
    public static final String USER_VARIABLE = "ENROLL_TEST_DB_USER";
    public static final String PASSWORD_VARIABLE = "ENROLL_TEST_DB_PASSWORD";

    /** Small: several test classes, and other people's tests, share the server's connections. */
    public static final int POOL_SIZE = 4;

    static final Pattern SERVER_URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String serverUrl;
    private final String user;
    private final String password;
    private final boolean throwawayServer;
    private final String name;
    private final Thread dropAtExit;
    private HikariDataSource pool;
    private boolean closed;

    private TestDatabase(TestServer server, String name) {
        this.serverUrl = server.url();
        this.user = server.user();
        this.password = server.password();
        this.throwawayServer = server.throwaway();
        this.name = name;
        this.dropAtExit = new Thread(this::dropAtExit, "drop " + name);
        Runtime.getRuntime().addShutdownHook(dropAtExit);
    }

    /** A new database with the schema in place. */
    public static TestDatabase create() {
        TestDatabase database = createEmpty();
        try {
            Migrations.apply(database.settings());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** A new database without any schema, for testing the migrations themselves. */
    public static TestDatabase createEmpty() {
        TestDatabase database = reserve();
        try {
            database.onServer("CREATE DATABASE " + database.name);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** A fresh database name on the test server, nothing created yet; dropped on close if something created it. */
    public static TestDatabase reserve() {
        TestServer server = TestServer.current();
        String name = "enroll_test_" + HexFormat.of().formatHex(randomBytes(8));
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    /** Whether the database exists on the server: after {@link #reserve()}, only once something created it. */
    public boolean exists() {
        try (Connection connection = direct(serverUrl, user, password).getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up test database " + name
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** The port of the server this database is on, read from its URL as the driver reads it. */
    public int serverPort() {
        return Integer.parseInt(Driver.parseURL(jdbcUrl(), new Properties()).getProperty("PGPORT"));
    }

    /** The JDBC URL of this database: the server's URL with its database replaced, parameters kept. */
    public String jdbcUrl() {
        Matcher parts = SERVER_URL.matcher(serverUrl);
        if (!parts.matches()) {
            throw new IllegalStateException("unreachable: checked in reserve()");
        }
        return parts.group(1) + "/" + name + (parts.group(3) == null ? "" : parts.group(3));
    }

    public String user() {
        return user;
    }

    /** Null when the server needs none. */
    public String password() {
        return password;
    }

    /** Settings for {@code PostgresStore.open} or the bootstrap: this database, a pool of {@value #POOL_SIZE}. */
    public PostgresSettings settings() {
        return PostgresSettings.of(jdbcUrl(), user, password, POOL_SIZE);
    }

    /** A pool of {@value #POOL_SIZE} connections to this database, made on first call and closed by {@link #close()}. */
    public synchronized DataSource dataSource() {
        if (closed) {
            throw new IllegalStateException("test database " + name + " is closed");
        }
        if (pool == null) {
            pool = PostgresPool.create(settings());
        }
        return pool;
    }

    /** Empties every table the migrations made (not Flyway's history), for tests that need a clean slate. */
    public void truncate() {
        try (Connection connection = direct(jdbcUrl(), user, password).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE users, partners, signing_key");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty test database " + name, e);
        }
    }

    /** Closes the pool and drops the database, even while connections to it are open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        drop();
        try {
            Runtime.getRuntime().removeShutdownHook(dropAtExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting already; the hook drops it.
        }
    }

    private synchronized void drop() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
        onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void dropAtExit() {
        if (throwawayServer) {
            return; // the whole server goes at exit
        }
        try {
            drop();
        } catch (RuntimeException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private void onServer(String sql) {
        try (Connection connection = direct(serverUrl, user, password).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database " + name + ": " + sql.split(" ", 2)[0] + " failed"
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** An unpooled connection source for {@code url}: the server's maintenance database, or a test database. */
    static PGSimpleDataSource direct(String url, String user, String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setUser(user);
        if (password != null) {
            source.setPassword(password);
        }
        source.setConnectTimeout(5);
        return source;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + "]";
    }
}
