package dev.enroll.adapter.persistence.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    private static final String DIRECTORY = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9_.]*)__.+\\.sql");

    private AppliedMigrations() {
    }

    /** True when Flyway's history shows every shipped version applied successfully; false when unsure. */
    static boolean complete(DataSource dataSource) {
        Set<String> shipped = shipped();
        if (shipped.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
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
            return false; // Flyway will say what is wrong.
        }
    }

    private static boolean historyExists(Statement statement) throws SQLException {
        try (ResultSet found = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
            return found.next() && found.getBoolean(1);
        }
    }

    /** The versions of the migration files on the class path, as Flyway writes them (1_1 is 1.1). */
    static Set<String> shipped() {
        URL location = AppliedMigrations.class.getClassLoader().getResource(DIRECTORY);
        if (location == null) {
            return Set.of();
        }
        try {
            URI uri = location.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return versions(jar.getPath(DIRECTORY));
                } catch (FileSystemAlreadyExistsException e) {
                    return versions(FileSystems.getFileSystem(uri).getPath(DIRECTORY));
                }
            }
            return versions(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + DIRECTORY, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected location of " + DIRECTORY + ": " + location, e);
        }
    }

    private static Set<String> versions(Path directory) throws IOException {
        Set<String> versions = new TreeSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher name = VERSIONED.matcher(file.getFileName().toString());
                if (name.matches()) {
                    versions.add(name.group(1).replace('_', '.'));
                }
            });
        }
        return versions;
    }
}
