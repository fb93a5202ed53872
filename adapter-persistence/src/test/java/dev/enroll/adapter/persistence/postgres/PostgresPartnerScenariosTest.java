package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.service.PartnerScenarios;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partner credentials end to end on PostgreSQL. */
class PostgresPartnerScenariosTest extends PartnerScenarios {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    @Override
    protected PartnerRepository newPartnerRepository() {
        return STORE.store().partners();
    }
}
