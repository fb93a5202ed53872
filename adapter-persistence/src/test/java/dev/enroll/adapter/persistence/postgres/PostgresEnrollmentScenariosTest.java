package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.service.EnrollmentScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The use cases end to end on PostgreSQL: every identity rule of docs/identity.md, with the real services. */
class PostgresEnrollmentScenariosTest extends EnrollmentScenarios {

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
    protected UserRepository newUserRepository() {
        return store.users();
    }
}
