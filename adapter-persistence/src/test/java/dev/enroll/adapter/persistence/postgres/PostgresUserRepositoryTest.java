package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.UserRepositoryContract;
import dev.enroll.application.testing.UserStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The user store contract on PostgreSQL, its races on a pool of 8 real connections. */
class PostgresUserRepositoryTest extends UserRepositoryContract {

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
    protected UserStore newStore() {
        return new UserStore(store.users());
    }
}
