package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.service.PartnerScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Partner credentials end to end on PostgreSQL. */
class PostgresPartnerScenariosTest extends PartnerScenarios {

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
    protected PartnerRepository newPartnerRepository() {
        return store.partners();
    }
}
