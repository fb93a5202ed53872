package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The connections the store opens outside its pool (creating, migrating, listening). */
class PostgresSettingsTest {

    @Test
    void theUrlsUserAndPasswordAreTheOnesEveryConnectionUsesAndAnotherGivenIsRefused() {
        String url = "jdbc:postgresql://db:5432/enroll?user=enroll_app&password=url-secret";

        PostgresSettings settings = PostgresSettings.of(url, null, null, 1);

        assertThat(settings.user()).isEqualTo("enroll_app");
        assertThat(settings.unpooled().getUser()).isEqualTo("enroll_app");
        assertThat(((PGSimpleDataSource) PostgresPool.config(settings).getDataSource()).getUser()).isEqualTo("enroll_app");
        assertThat(settings.password()).isEqualTo("url-secret");
        assertThat(PostgresSettings.of(url, "enroll_app", "url-secret", 1).user()).isEqualTo("enroll_app");
        assertThatThrownBy(() -> PostgresSettings.of(url, "postgres", null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("enroll_app");
        assertThatThrownBy(() -> PostgresSettings.of(url, null, "other-secret", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("url-secret").hasMessageNotContaining("other-secret");
    }

    @Test
    void connectionsOutsideThePoolCarryTheUrlsParametersToTheServer() throws SQLException {
        try (TestDatabase database = TestDatabase.createEmpty()) {
            PostgresSettings settings = withParameters(database,
                    "ApplicationName=enroll-own-connection&options=-c%20lock_timeout%3D1234");

            try (Connection connection = settings.unpooled().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT current_setting('application_name'), current_setting('lock_timeout')")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("enroll-own-connection");
                assertThat(row.getString(2)).isEqualTo("1234ms");
                assertThat(connection.getCatalog()).isEqualTo(database.name());
            }
        }
    }

    /** A URL's own options used to replace the pool's outright, and every server-side deadline with them. */
    @Test
    void aUrlsOwnOptionsJoinThePoolsDeadlinesAndWinWhereTheySpellTheSameSetting() throws SQLException {
        try (TestDatabase database = TestDatabase.create()) {
            PostgresSettings settings = withParameters(database,
                    "options=-c%20search_path%3Dpublic%20-c%20lock_timeout%3D1234");

            try (HikariDataSource pool = PostgresPool.create(settings);
                 Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('statement_timeout'),"
                         + " current_setting('idle_in_transaction_session_timeout'), current_setting('search_path'),"
                         + " current_setting('lock_timeout'), current_setting('application_name')")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("2s");
                assertThat(row.getString(2)).isEqualTo("10s");
                assertThat(row.getString(3)).as("the URL's own").isEqualTo("public");
                assertThat(row.getString(4)).as("the URL's, spelt after ours").isEqualTo("1234ms");
                assertThat(row.getString(5)).isEqualTo("enroll");
            }
        }
    }

    /**
     * HikariCP sets a data source's login timeout to its own wait for a connection (2 s), which
     * failed logins a busy server takes 3 s to finish; opening keeps its own 5 s, or the URL's.
     */
    @Test
    void thePoolOpensConnectionsWithTheOpeningDeadlineNotTheWaitForOne() {
        try (TestDatabase database = TestDatabase.create();
             HikariDataSource pool = PostgresPool.create(database.settings());
             HikariDataSource urlSays = PostgresPool.create(withParameters(database, "loginTimeout=9"))) {
            assertThat(((PGSimpleDataSource) pool.getDataSource()).getLoginTimeout()).isEqualTo(5);
            assertThat(((PGSimpleDataSource) urlSays.getDataSource()).getLoginTimeout()).isEqualTo(9);
        }
    }

    /** The database's settings with {@code parameters} added to its URL. */
    private static PostgresSettings withParameters(TestDatabase database, String parameters) {
        String url = database.jdbcUrl();
        return PostgresSettings.of(url + (url.contains("?") ? "&" : "?") + parameters, database.user(),
                database.password(), 1);
    }
}
