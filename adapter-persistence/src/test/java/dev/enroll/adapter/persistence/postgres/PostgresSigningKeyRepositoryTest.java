package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.SigningKeyRepository;
import dev.enroll.application.port.out.SigningKeyRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    private static TestDatabase database;
    private static PostgresStore store;

    @BeforeAll
    static void openStore() {
        database = TestDatabase.create();
        store = PostgresStore.on(database.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** There is one key per database, so each test starts from a database without one. */
    @Override
    protected SigningKeyRepository newRepository() {
        database.truncate();
        return store.signingKeys();
    }
}
