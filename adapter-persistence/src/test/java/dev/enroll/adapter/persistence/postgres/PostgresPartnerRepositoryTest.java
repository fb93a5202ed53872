package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.PartnerRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPartnerRepositoryTest extends PartnerRepositoryContract {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    @Override
    protected PartnerRepository newRepository() {
        return STORE.store().partners();
    }
}
