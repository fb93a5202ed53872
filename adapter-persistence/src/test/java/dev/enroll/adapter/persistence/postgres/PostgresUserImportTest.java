package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.UserImportStoreContract;
import dev.enroll.application.testing.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The import store contract on PostgreSQL: COPY, locks and the set-based merge on a real database. */
class PostgresUserImportTest extends UserImportStoreContract {

    private static TestDatabase database;
    private static PostgresStore store;

    @BeforeAll
    static void openStore() {
        database = TestDatabase.create();
        store = PostgresStore.open(database.settings().withPoolSize(8));
    }

    @AfterAll
    static void closeStore() {
        store.close();
        database.close();
    }

    @Override
    protected Stores newStores() {
        return new Stores(new UserStore(store.users(), store.partners()), store.imports());
    }
}
