package dev.enroll.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the database a JDBC URL names when the server does not have it yet, so that a first
 * run needs no manual step. It connects to the database first and only when the server says it
 * does not exist connects to the maintenance database ({@code postgres}, else {@code template1})
 * of the same server, with the same credentials, to create it. The user needs CREATEDB then.
 */
public final class DatabaseCreator {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCreator.class);
    private static final List<String> MAINTENANCE_DATABASES = List.of("postgres", "template1");

    private DatabaseCreator() {
    }

    /**
     * Creates the settings' database unless it exists; true when this call created it. Two
     * instances starting together are fine: the one that loses the race finds it created.
     *
     * @throws dev.enroll.application.port.out.StoreUnavailableException when the server cannot be reached
     * @throws IllegalStateException when the server refuses (e.g. the user may not create databases)
     */
    public static boolean createIfMissing(PostgresSettings settings) {
        String name = settings.databaseName();
        if (name.isEmpty() || exists(settings)) {
            return false;
        }
        for (String maintenance : MAINTENANCE_DATABASES) {
            PGSimpleDataSource server = settings.unpooled();
            server.setDatabaseName(maintenance);
            try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + quoted(name));
                LOG.info("Created database {} on {}", name, settings.target());
                return true;
            } catch (SQLException e) {
                String state = e.getSQLState();
                if (StoreFailures.DUPLICATE_DATABASE.equals(state) || StoreFailures.UNIQUE_VIOLATION.equals(state)) {
                    return false;
                }
                if (!StoreFailures.INVALID_CATALOG_NAME.equals(state)) {
                    throw StoreFailures.translate(e);
                }
            }
        }
        throw new IllegalStateException("Database " + name + " does not exist on " + settings.target()
                + ", and neither has a postgres or template1 database to create it from");
    }

    private static boolean exists(PostgresSettings settings) {
        try (Connection ignored = settings.unpooled().getConnection()) {
            return true;
        } catch (SQLException e) {
            if (StoreFailures.INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                return false;
            }
            throw StoreFailures.translate(e);
        }
    }

    /** A PostgreSQL quoted identifier: the name exactly as the URL spells it, case included. */
    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
