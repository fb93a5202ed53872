package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.SigningKeyRepository;
import javax.sql.DataSource;

/**
 * The shared token-signing key in PostgreSQL. The first instance to store a key wins: a
 * concurrent insert waits for it to commit and then does nothing, and the read that follows,
 * a statement of its own, sees the winner's key.
 */
final class PostgresSigningKeyRepository implements SigningKeyRepository {

    private static final String INSERT = "INSERT INTO signing_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING";
    private static final String SELECT = "SELECT key FROM signing_key WHERE id = 1";

    private final DataSource dataSource;

    PostgresSigningKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public byte[] loadOrStore(byte[] candidate) {
        Queries.update(dataSource, INSERT, (Object) candidate);
        return Queries.one(dataSource, SELECT, rows -> rows.getBytes(1))
                .orElseThrow(() -> new IllegalStateException("the signing key row vanished"));
    }
}
