package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.PartnerRepositoryContract;

class InMemoryPartnerRepositoryTest extends PartnerRepositoryContract {

    @Override
    protected PartnerRepository newRepository() {
        return new InMemoryPartnerRepository();
    }
}
