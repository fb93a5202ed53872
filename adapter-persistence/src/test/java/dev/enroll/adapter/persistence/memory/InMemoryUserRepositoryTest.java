package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.UserRepositoryContract;
import dev.enroll.application.testing.UserStore;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

    @Override
    protected UserStore newStore() {
        return new UserStore(new InMemoryUserRepository());
    }
}
