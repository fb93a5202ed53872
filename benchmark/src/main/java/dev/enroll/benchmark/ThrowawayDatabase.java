package dev.enroll.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database made for one run, {@code enroll_bench_<tag>}, on the local server, and dropped at
 * the end even with the server still connected ({@code WITH (FORCE)}), so a failed run leaves
 * nothing behind.
 */
final class ThrowawayDatabase implements AutoCloseable {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;

    ThrowawayDatabase(String serverUrl, String user, String password, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates the database; {@code serverUrl} names any existing database on the same server. */
    static ThrowawayDatabase create(String serverUrl, String user, String password, String runTag)
            throws SQLException {
        String name = "enroll_bench_" + runTag;
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            // The name is ours (fixed prefix, [a-z0-9] tag): safe to put into DDL, which takes no parameters.
            statement.execute("CREATE DATABASE " + name);
        }
        return new ThrowawayDatabase(serverUrl, user, password, name);
    }

    String name() {
        return name;
    }

    /**
     * The JDBC URL of the throwaway database, for the server and the raw insert alike: the server
     * URL's database replaced, its parameters kept (e.g. {@code options=-c commit_delay=10}).
     */
    String url() {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String parameters = query < 0 ? "" : serverUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + parameters;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    /**
     * Runs {@code CHECKPOINT}: every dirty page of the server is written out now, and a checkpoint
     * already under way is finished. False when this user may not (it takes a superuser or the
     * {@code pg_checkpoint} role).
     */
    boolean checkpoint() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            return true;
        } catch (SQLException e) {
            if (INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Refreshes the planner's statistics of every table, as autovacuum would have by now. Where
     * autovacuum is off (as on the development and CI machines), a table's statistics stay those
     * of when it was nearly empty, and a plan made from them may probe the users table by the
     * contributor alone and filter the rest: every create then reads all of the partner's users,
     * and one run of the same jar measured 250 creates/s where the next measured 2,000.
     */
    void analyze() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    /** The server's version string, for the results. */
    String serverVersion() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SHOW server_version")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
