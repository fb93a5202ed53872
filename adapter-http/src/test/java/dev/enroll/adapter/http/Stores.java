package dev.enroll.adapter.http;

import dev.enroll.adapter.persistence.memory.InMemoryIdempotencyStore;
import dev.enroll.adapter.persistence.postgres.PostgresStore;
import dev.enroll.adapter.persistence.memory.InMemoryPartnerRepository;
import dev.enroll.adapter.persistence.memory.InMemoryUserImport;
import dev.enroll.adapter.persistence.memory.InMemoryUserRepository;
import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.StoreHealth;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.application.port.out.UserRepository;

/** The stores a test server runs on: in memory, or a real database. */
record Stores(UserRepository users, PartnerRepository partners, StoreHealth health, IdempotencyStore idempotency,
              UserImportStore imports) {

    /** The stores of one PostgreSQL store. */
    static Stores of(PostgresStore store) {
        return new Stores(store.users(), store.partners(), store.health(), store.idempotency(), store.imports());
    }

    static Stores inMemory() {
        InMemoryPartnerRepository partners = new InMemoryPartnerRepository();
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new Stores(users, partners, () -> true, new InMemoryIdempotencyStore(), new InMemoryUserImport(users));
    }
}
