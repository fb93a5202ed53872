package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.port.out.UserRepositoryContract;

class InMemoryUserRepositoryTest extends UserRepositoryContract {

    @Override
    protected UserRepository newRepository() {
        return new InMemoryUserRepository();
    }
}
