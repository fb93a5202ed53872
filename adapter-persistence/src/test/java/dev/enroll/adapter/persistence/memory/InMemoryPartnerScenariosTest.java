package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.service.PartnerScenarios;

/** Partner credentials end to end on the in-memory store. */
class InMemoryPartnerScenariosTest extends PartnerScenarios {

    @Override
    protected PartnerRepository newPartnerRepository() {
        return new InMemoryPartnerRepository();
    }
}
