package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The schema as the migrations build it on an empty database. */
class MigrationsTest {

    private static TestDatabase database;
    private static int appliedOnEmptyDatabase;

    @BeforeAll
    static void migrateAnEmptyDatabase() {
        database = TestDatabase.createEmpty();
        appliedOnEmptyDatabase = Migrations.apply(database.settings());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void everyMigrationAppliesToAnEmptyDatabaseAndASecondRunHasNothingToDo() {
        assertThat(appliedOnEmptyDatabase).isEqualTo(migrationFiles());
        assertThat(tables()).containsExactlyInAnyOrder("users", "partners", "signing_key", "flyway_schema_history",
                "user_tombstones", "idempotency_keys");

        assertThat(Migrations.apply(database.settings())).isZero();
    }

    /** How many migrations the jar carries: every one of them applies. */
    private static long migrationFiles() {
        return migrationVersions().size();
    }

    /** The versions of the migration files in db/migration, from their names (V7__x.sql is 7). */
    private static List<String> migrationVersions() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                MigrationsTest.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__"))).toList();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStartChecksTheHistoryForEveryMigrationFileTheBuildShips() {
        assertThat(AppliedMigrations.shipped()).containsExactlyInAnyOrderElementsOf(migrationVersions());
    }

    @Test
    void migrationsMissingFromTheHistoryAreAppliedEvenWhenOthersAreThere() {
        try (TestDatabase other = TestDatabase.createEmpty()) {
            Flyway.configure().dataSource(other.settings().unpooled()).locations(Migrations.LOCATION)
                    .target("1").load().migrate();

            assertThat(Migrations.apply(other.settings())).isEqualTo(migrationFiles() - 1);
            assertThat(Migrations.apply(other.settings())).isZero();
        }
    }

    /**
     * While a migration's ALTER TABLE waits for its lock, every statement on that table queues
     * behind it, the serving instances' too: the migration gives up instead, and changes nothing.
     * (Without a lock timeout it would wait as long as the lock is held: the JUnit timeout.)
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aMigrationThatMustWaitForALockGivesUpAfterTheLockTimeoutAndAppliesNothing() throws SQLException {
        try (TestDatabase other = TestDatabase.createEmpty()) {
            // V9 alters idempotency_keys: everything before it is applied, then a reader holds that table.
            Flyway.configure().dataSource(other.settings().unpooled()).locations(Migrations.LOCATION)
                    .target("8").load().migrate();
            long before = migrationVersions().stream().filter(version -> Integer.parseInt(version) <= 8).count();
            PostgresSettings settings = other.settings().withStatementTimeout(PostgresSettings.MIN_STATEMENT_TIMEOUT);
            try (Connection holder = other.settings().unpooled().getConnection()) {
                holder.setAutoCommit(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("LOCK TABLE idempotency_keys IN ACCESS SHARE MODE"); // as any read does
                }

                assertThatThrownBy(() -> Migrations.apply(settings))
                        .isInstanceOf(MigrationBlockedException.class)
                        .hasMessageStartingWith("A migration waited 1000 ms for a lock that another session holds");
                holder.rollback();
            }

            assertThat(Queries.list(other.dataSource(), "SELECT count(*) FROM flyway_schema_history WHERE success",
                    rows -> rows.getLong(1))).containsExactly(before);
            assertThat(Migrations.apply(settings)).as("once the lock is gone").isEqualTo(migrationFiles() - before);
        }
    }

    /** Nothing to migrate, so no migration is blocked: the check of the history says the database is unavailable. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLockedHistoryIsTheDatabaseUnavailableNotABlockedMigration() throws SQLException {
        PostgresSettings settings = database.settings().withStatementTimeout(PostgresSettings.MIN_STATEMENT_TIMEOUT);
        try (Connection holder = database.settings().unpooled().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE flyway_schema_history IN ACCESS EXCLUSIVE MODE");
            }

            assertThatThrownBy(() -> Migrations.apply(settings)).isInstanceOf(StoreUnavailableException.class);
            holder.rollback();
        }
    }

    @Test
    void everyIndexOfTheUsersAndTombstonesTablesBeginsWithTheContributor() {
        List<String> indexes = strings("""
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid IN ('users'::regclass, 'user_tombstones'::regclass) ORDER BY 1""");

        assertThat(indexes).isNotEmpty().allSatisfy(definition -> assertThat(definition).contains("(contributor_id"));
        assertThat(indexes).anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, id)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, partner_code)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, phone, policy_number)"))
                .anySatisfy(d -> assertThat(d).contains("(contributor_id, email_normalized)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, external_user_id)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE INDEX users_change_key").contains("(contributor_id, change_seq)"))
                .anySatisfy(d -> assertThat(d).contains("(contributor_id, policy_number, change_seq)"))
                .anySatisfy(d -> assertThat(d).contains("(contributor_id, updated, change_seq)"));
    }

    @Test
    void timestampsOfUsersKeepMilliseconds() {
        List<String> types = strings("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = 'users'::regclass AND attname IN
                      ('date_registered', 'updated', 'policy_start_date', 'policy_end_date')""");

        assertThat(types).hasSize(4).containsOnly("timestamp(3) with time zone");
    }

    private static List<String> tables() {
        return strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    }

    private static List<String> strings(String sql) {
        return Queries.list(database.dataSource(), sql, rows -> rows.getString(1));
    }
}
