package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.service.EnrollmentScenarios;
import dev.enroll.application.testing.UserStore;

/** The use cases end to end on the in-memory store, the one the service runs on without a database. */
class InMemoryEnrollmentScenariosTest extends EnrollmentScenarios {

    @Override
    protected UserStore newStore() {
        return new UserStore(new InMemoryUserRepository());
    }
}
