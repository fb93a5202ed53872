package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL store on a throwaway database, for one test class: created before its first
 * test, dropped after its last. Register it as a static field:
 * {@code @RegisterExtension static final ThrowawayStore STORE = new ThrowawayStore();}
 */
final class ThrowawayStore implements BeforeAllCallback, AfterAllCallback {

    private TestDatabase database;
    private PostgresStore store;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.create();
        store = PostgresStore.on(database.dataSource());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        database.close();
    }

    PostgresStore store() {
        return store;
    }

    TestDatabase database() {
        return database;
    }
}
