package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.SigningKeyRepository;
import org.jdbi.v3.core.Jdbi;

/**
 * The shared token-signing key in PostgreSQL. The first instance to store a key wins: a
 * concurrent insert waits for it to commit and then does nothing, and the read that follows,
 * a statement of its own, sees the winner's key.
 */
final class JdbiSigningKeyRepository implements SigningKeyRepository {

    private static final String INSERT = "INSERT INTO signing_key (id, key) VALUES (1, :key) ON CONFLICT (id) DO NOTHING";
    private static final String SELECT = "SELECT key FROM signing_key WHERE id = 1";

    private final Jdbi jdbi;

    JdbiSigningKeyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public byte[] loadOrStore(byte[] candidate) {
        return StoreFailures.guard(() -> jdbi.withHandle(handle -> {
            handle.createUpdate(INSERT).bind("key", candidate).execute();
            return handle.createQuery(SELECT).mapTo(byte[].class).one();
        }));
    }
}
