package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.service.EnrollmentScenarios;
import dev.enroll.application.testing.UserStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The use cases end to end on PostgreSQL: every identity rule of docs/identity.md, with the real services. */
class PostgresEnrollmentScenariosTest extends EnrollmentScenarios {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    @Override
    protected UserStore newStore() {
        return new UserStore(STORE.store().users());
    }
}
