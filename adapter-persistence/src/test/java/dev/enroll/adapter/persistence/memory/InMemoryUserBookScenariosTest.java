package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.service.UserBookScenarios;
import dev.enroll.application.testing.UserStore;

/** A partner's whole book on the in-memory store. */
class InMemoryUserBookScenariosTest extends UserBookScenarios {

    @Override
    protected UserStore newStore() {
        return new UserStore(new InMemoryUserRepository());
    }
}
