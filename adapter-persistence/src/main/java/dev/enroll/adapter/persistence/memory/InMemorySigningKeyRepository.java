package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.SigningKeyRepository;

/** The signing key in memory: shared by the one process there is. */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {

    private byte[] key;

    @Override
    public synchronized byte[] loadOrStore(byte[] candidate) {
        if (key == null) {
            key = candidate.clone();
        }
        return key.clone();
    }
}
