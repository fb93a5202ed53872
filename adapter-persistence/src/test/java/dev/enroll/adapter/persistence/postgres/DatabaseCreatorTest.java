package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.testing.Race;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/** A first run against a server without the database creates it; later runs leave it be. */
class DatabaseCreatorTest {

    @Test
    void createsAMissingDatabaseOnceAndLeavesAnExistingOneAlone() {
        try (TestDatabase database = TestDatabase.reserve()) {
            assertThat(DatabaseCreator.createIfMissing(database.settings())).isTrue();
            assertThat(DatabaseCreator.createIfMissing(database.settings())).isFalse();
        }
    }

    @Test
    void openingTheStoreOnAServerWithoutTheDatabaseCreatesAndMigratesIt() {
        try (TestDatabase database = TestDatabase.reserve();
             PostgresStore store = PostgresStore.open(database.settings())) {
            assertThat(store.health().isReady()).isTrue();
            assertThat(store.partners().findAll()).isEmpty();
        }
    }

    @Test
    void instancesStartingTogetherCreateTheDatabaseOnceWithoutFailing() {
        try (TestDatabase database = TestDatabase.reserve()) {
            List<Boolean> created = Race.run(4, i -> DatabaseCreator.createIfMissing(database.settings()));

            assertThat(created).containsOnlyOnce(true);
        }
    }

    @Test
    void withoutCreationAMissingDatabaseIsAnError() {
        try (TestDatabase database = TestDatabase.reserve()) {
            assertThatThrownBy(() -> PostgresStore.open(database.settings().withoutDatabaseCreation()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(database.name()).hasMessageContaining("does not exist");
        }
    }

    /**
     * Another instance's {@code CREATE DATABASE} of the same name holds the name until it commits,
     * which may take seconds on a busy server. The creation waits for it, past the lock timeout
     * that bounds the migrations, and then creates the database or finds it created. (An
     * uncommitted rename to the name holds it the same way.)
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCreationWaitsPastTheLockTimeoutForAnotherSessionHoldingTheName() throws Exception {
        try (TestDatabase database = TestDatabase.reserve(); TestDatabase renamed = TestDatabase.createEmpty()) {
            PostgresSettings settings = database.settings().withStatementTimeout(PostgresSettings.MIN_STATEMENT_TIMEOUT);
            PGSimpleDataSource server = settings.unpooled();
            server.setDatabaseName("postgres");
            CompletableFuture<Boolean> created;
            try (Connection holder = server.getConnection(); Statement statement = holder.createStatement()) {
                holder.setAutoCommit(false);
                statement.execute("ALTER DATABASE " + renamed.name() + " RENAME TO " + database.name());
                created = CompletableFuture.supplyAsync(() -> DatabaseCreator.createIfMissing(settings));

                Duration pastTheLockTimeout = settings.lockTimeout().plusMillis(500);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> created.isDone() || creationHasWaited(server, pastTheLockTimeout));
                holder.rollback();
            }

            assertThat(created.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(database.exists()).isTrue();
        }
    }

    private static boolean creationHasWaited(DataSource server, Duration longer) throws SQLException {
        try (Connection connection = server.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE wait_event_type = 'Lock' AND query LIKE 'CREATE DATABASE%'"
                     + " AND now() - query_start > ? * interval '1 millisecond'")) {
            query.setLong(1, longer.toMillis());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }
}
