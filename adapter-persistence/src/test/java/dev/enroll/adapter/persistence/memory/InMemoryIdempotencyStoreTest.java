package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.IdempotencyStoreContract;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    @Override
    protected IdempotencyStore newStore() {
        return new InMemoryIdempotencyStore();
    }
}
