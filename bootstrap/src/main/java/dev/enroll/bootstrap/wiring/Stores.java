package dev.enroll.bootstrap.wiring;

import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.SigningKeyRepository;
import dev.enroll.application.port.out.StoreHealth;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.application.port.out.UserRepository;

/** The stores of one run, and how to release them when it ends (close the connection pool). */
public record Stores(UserRepository users, PartnerRepository partners, SigningKeyRepository signingKeys,
                     StoreHealth health, IdempotencyStore idempotency, UserImportStore imports,
                     Runnable release) implements AutoCloseable {

    @Override
    public void close() {
        release.run();
    }
}
