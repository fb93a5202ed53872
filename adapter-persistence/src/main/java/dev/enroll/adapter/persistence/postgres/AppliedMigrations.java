package dev.enroll.adapter.persistence.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Whether a database has every migration this build ships applied already, read from Flyway's
 * history table with one query. Starting Flyway costs more than anything else in a start on a
 * migrated database (loading and configuring it, then validating every checksum), so
 * {@link Migrations} asks this first and starts Flyway only when something is missing. What
 * this check does not do is compare checksums: an applied migration edited afterwards is
 * reported by Flyway at the next migration, not at every start (docs/persistence.md).
 */
final class AppliedMigrations {

    /** Written by the build (adapter-persistence/pom.xml): the names of the files in db/migration. */
    static final String LIST = "db/migration.list";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    private AppliedMigrations() {
    }

    /**
     * True when Flyway's history shows every shipped version applied successfully; false when
     * unsure. The check has the deadline of opening a connection: a database that stops answering
     * is {@link dev.enroll.application.port.out.StoreUnavailableException}, not a start that hangs.
     */
    static boolean complete(DataSource dataSource) {
        Set<String> shipped = shipped();
        if (shipped.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            PostgresSettings.boundReads(connection, PostgresSettings.OPEN_TIMEOUT);
            if (!historyExists(statement)) {
                return false;
            }
            Set<String> applied = new HashSet<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
                while (rows.next()) {
                    applied.add(rows.getString(1));
                }
            }
            return applied.containsAll(shipped);
        } catch (SQLException e) {
            if (StoreFailures.isUnavailable(e)) {
                throw StoreFailures.translate((Throwable) e);
            }
            return false; // Flyway will say what is wrong.
        }
    }

    private static boolean historyExists(Statement statement) throws SQLException {
        try (ResultSet found = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
            return found.next() && found.getBoolean(1);
        }
    }

    /**
     * The versions of the migration files this build ships, as Flyway writes them (1_1 is 1.1),
     * from the list of their names the build writes beside them ({@value #LIST}): reading one
     * resource is cheaper than listing a directory inside the jar. Without the list (classes not
     * built by Maven), none: then Flyway decides.
     */
    static Set<String> shipped() {
        try (InputStream in = AppliedMigrations.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                return Set.of();
            }
            Set<String> versions = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(name -> {
                Matcher versioned = VERSIONED.matcher(name.strip());
                if (versioned.matches()) {
                    versions.add(versioned.group(1).replace('_', '.'));
                }
            });
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + LIST, e);
        }
    }
}
