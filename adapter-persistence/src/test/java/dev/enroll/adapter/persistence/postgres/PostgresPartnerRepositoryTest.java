package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.PartnerRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresPartnerRepositoryTest extends PartnerRepositoryContract {

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

    @Override
    protected PartnerRepository newRepository() {
        return store.partners();
    }
}
