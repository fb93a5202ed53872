package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.jdbc.PreferQueryMode;

/** The store as the bootstrap sees it: open, ready, closed. */
class PostgresStoreTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void anOpenStoreIsReadyAndAClosedOneIsNot() {
        PostgresStore store = PostgresStore.open(database.settings());
        assertThat(store.health().isReady()).isTrue();

        store.close();

        assertThat(store.health().isReady()).isFalse();
    }

    @Test
    void aStoreOverAPoolItDoesNotOwnLeavesThePoolOpen() {
        try (HikariDataSource pool = PostgresPool.create(database.settings())) {
            PostgresStore.on(pool).close();

            assertThat(pool.isClosed()).isFalse();
            assertThat(PostgresStore.on(pool).health().isReady()).isTrue();
        }
    }

    @Test
    void refusesAPoolWhoseConnectionsAreNotReadCommitted() {
        assertRefused(config -> config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ"), "READ COMMITTED");
    }

    /** Creates sharing a batch are one transaction only on auto-commit connections: otherwise none would be stored. */
    @Test
    void refusesAPoolWhoseConnectionsDoNotAutoCommit() {
        assertRefused(config -> config.setAutoCommit(false), "auto-commit");
    }

    /** In simple query mode a batch is one transaction per entry: the first would drop the group's locks. */
    @Test
    void refusesAPoolInSimpleQueryMode() {
        assertRefused(config -> ((PGSimpleDataSource) config.getDataSource()).setPreferQueryMode(PreferQueryMode.SIMPLE),
                "preferQueryMode=simple");
    }

    private static void assertRefused(Consumer<HikariConfig> setting, String reason) {
        HikariConfig config = PostgresPool.config(database.settings());
        setting.accept(config);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThatThrownBy(() -> PostgresStore.on(pool))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
        }
    }

    @Test
    void settingsNeverShowThePassword() {
        PostgresSettings settings = PostgresSettings.of("jdbc:postgresql://db.example:5433/enroll", "enroll", "s3cret", 10);
        PostgresSettings inUrl = PostgresSettings.of("jdbc:postgresql://db.example:5433/enroll?password=inUrl",
                "enroll", null, 10);

        assertThat(settings.toString()).contains("db.example:5433/enroll").doesNotContain("s3cret");
        assertThat(inUrl.toString()).contains("db.example:5433/enroll").doesNotContain("inUrl");
    }
}
