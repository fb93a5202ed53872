package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.testing.Race;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
