package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.IdempotencyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresIdempotencyStoreTest extends IdempotencyStoreContract {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    @Override
    protected IdempotencyStore newStore() {
        return STORE.store().idempotency();
    }
}
