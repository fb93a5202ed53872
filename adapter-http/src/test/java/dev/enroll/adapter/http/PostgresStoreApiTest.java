package dev.enroll.adapter.http;

import dev.enroll.adapter.persistence.postgres.PostgresStore;
import dev.enroll.adapter.persistence.testing.TestDatabase;

/**
 * The store contract of the API on PostgreSQL, in a throwaway database: the races go through
 * real transactions and a small pool, as in production.
 */
class PostgresStoreApiTest extends StoreBackedApiContract {

    private TestDatabase database;

    @Override
    Stores stores() {
        database = TestDatabase.create();
        PostgresStore store = PostgresStore.on(database.dataSource());
        return new Stores(store.users(), store.partners(), store.health(), store.idempotency(), store.imports());
    }

    @Override
    void releaseStores() {
        database.close();
    }
}
