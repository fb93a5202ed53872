package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.SigningKeyRepository;
import dev.enroll.application.port.out.SigningKeyRepositoryContract;

class InMemorySigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    @Override
    protected SigningKeyRepository newRepository() {
        return new InMemorySigningKeyRepository();
    }
}
