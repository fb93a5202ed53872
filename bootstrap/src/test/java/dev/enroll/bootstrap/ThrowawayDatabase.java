package dev.enroll.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The name and settings of a database that does not exist yet, on the test server, for the
 * jar to create on its first run; dropped when the test is done. The server is localhost:5432 as
 * postgres unless ENROLL_TEST_DB_URL (a JDBC URL of any database on the server),
 * ENROLL_TEST_DB_USER and ENROLL_TEST_DB_PASSWORD say otherwise.
 */
final class ThrowawayDatabase implements AutoCloseable {

    private final String serverUrl = envOr("ENROLL_TEST_DB_URL", "jdbc:postgresql://localhost:5432/postgres");
    private final String user = envOr("ENROLL_TEST_DB_USER", "postgres");
    private final String password = envOr("ENROLL_TEST_DB_PASSWORD", "");
    private final String name = "enroll_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    ThrowawayDatabase() {
        try (Connection ignored = DriverManager.getConnection(serverUrl, user, password)) {
            // reachable: good
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + serverUrl
                    + "; start it, or point the tests at a server with ENROLL_TEST_DB_URL, ENROLL_TEST_DB_USER"
                    + " and ENROLL_TEST_DB_PASSWORD");
        }
    }

    String url() {
        String base = serverUrl.contains("?") ? serverUrl.substring(0, serverUrl.indexOf('?')) : serverUrl;
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }

    /** The environment that points enroll.jar at this database. */
    Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("ENROLL_DB_URL", url());
        environment.put("ENROLL_DB_USER", user);
        environment.put("ENROLL_DB_PASSWORD", password);
        environment.put("ENROLL_DB_POOL_SIZE", "4");
        return environment;
    }

    boolean exists() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            return statement.executeQuery().next();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
    }

    private static String envOr(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
