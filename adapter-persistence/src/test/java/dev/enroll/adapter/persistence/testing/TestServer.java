package dev.enroll.adapter.persistence.testing;

import dev.enroll.adapter.persistence.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The PostgreSQL server the tests of this JVM create their databases on, chosen once: the one
 * {@value TestDatabase#URL_VARIABLE} names; else {@code localhost:5432} when it answers (as on CI
 * and most developer machines); else an embedded server of this JVM's own, in a temporary
 * directory, stopped and deleted when the JVM exits. {@value #CHOICE_VARIABLE}{@code =embedded}
 * or {@code -D}{@value #CHOICE_PROPERTY}{@code =embedded} skips {@code localhost:5432}, to check
 * the embedded fallback on a machine where it runs.
 *
 * @param throwaway whether the server goes when the JVM exits (its databases need no dropping)
 */
record TestServer(String url, String user, String password, boolean throwaway) {

    static final String CHOICE_VARIABLE = "ENROLL_TEST_POSTGRES";
    static final String CHOICE_PROPERTY = "enroll.test.postgres";
    private static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/postgres";
    private static final String LOCAL_USER = "postgres";

    static TestServer current() {
        return Chosen.SERVER;
    }

    /** Chosen on first use, by the JVM's class initialisation: once, and safely across threads. */
    private static final class Chosen {
        static final TestServer SERVER = choose();
    }

    private static TestServer choose() {
        String configured = System.getenv(TestDatabase.URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            TestServer server = new TestServer(configured.strip(), environment(TestDatabase.USER_VARIABLE, LOCAL_USER),
                    System.getenv(TestDatabase.PASSWORD_VARIABLE), false);
            server.require();
            return server;
        }
        TestServer local = new TestServer(LOCAL_URL, LOCAL_USER, null, false);
        if (!embeddedForced() && local.answers()) {
            return local;
        }
        return embedded();
    }

    private static TestServer embedded() {
        try {
            Path directory = Files.createTempDirectory("enroll-test-postgres-");
            EmbeddedPostgres server = EmbeddedPostgres.start(directory);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                try {
                    deleteTree(directory);
                } catch (IOException e) {
                    System.err.println("Could not delete the tests' embedded PostgreSQL in " + directory + ": " + e);
                }
            }, "stop embedded test postgres"));
            System.err.println("Tests use an embedded PostgreSQL on port " + server.port()
                    + (embeddedForced() ? " (" + CHOICE_VARIABLE + "=embedded)" : " (nothing answers on localhost:5432)"));
            return new TestServer(server.jdbcUrl("postgres"), EmbeddedPostgres.USER, null, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", e);
        }
    }

    private static boolean embeddedForced() {
        String choice = System.getProperty(CHOICE_PROPERTY, System.getenv(CHOICE_VARIABLE));
        return choice != null && choice.strip().toLowerCase(Locale.ROOT).equals("embedded");
    }

    private boolean answers() {
        try (Connection ignored = TestDatabase.direct(url, user, password).getConnection()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void require() {
        if (!TestDatabase.SERVER_URL.matcher(url).matches()) {
            throw new IllegalStateException(TestDatabase.URL_VARIABLE + " must look like jdbc:postgresql://host:port/postgres");
        }
        try (Connection ignored = TestDatabase.direct(url, user, password).getConnection()) {
            // reachable
        } catch (SQLException e) {
            // The URL's parameters stay out of the message: they may hold a password.
            throw new IllegalStateException("No PostgreSQL for tests at " + url.replaceFirst("\\?.*", "") + " as " + user
                    + " (SQLState " + e.getSQLState() + "): start one there, or unset " + TestDatabase.URL_VARIABLE
                    + " to use localhost:5432 or an embedded one", e);
        }
    }

    private static String environment(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public String toString() {
        return "TestServer[" + url.replaceFirst("\\?.*", "") + "]"; // parameters may hold a password
    }
}
