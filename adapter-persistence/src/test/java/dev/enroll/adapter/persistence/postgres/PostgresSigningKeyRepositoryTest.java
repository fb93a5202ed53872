package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.SigningKeyRepository;
import dev.enroll.application.port.out.SigningKeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSigningKeyRepositoryTest extends SigningKeyRepositoryContract {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    /** There is one key per database, so each test starts from a database without one. */
    @Override
    protected SigningKeyRepository newRepository() {
        STORE.database().truncate();
        return STORE.store().signingKeys();
    }
}
