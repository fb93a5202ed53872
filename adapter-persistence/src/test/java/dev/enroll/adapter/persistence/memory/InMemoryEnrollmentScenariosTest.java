package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.service.EnrollmentScenarios;

/** The use cases end to end on the in-memory store, the one the service runs on without a database. */
class InMemoryEnrollmentScenariosTest extends EnrollmentScenarios {

    @Override
    protected UserRepository newUserRepository() {
        return new InMemoryUserRepository();
    }
}
