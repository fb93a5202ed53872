package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Idempotency keys in PostgreSQL (V7), so that every instance, and a restarted one, sees them.
 * A claim is one conditional upsert: it takes the key when no row has it, or when the row has
 * expired, or when its request was abandoned; otherwise the row is read and reported.
 */
final class PostgresIdempotencyStore implements IdempotencyStore {

    /** A row may vanish (purged) between a refused claim and reading it: then claim again. */
    private static final int ATTEMPTS = 3;

    private static final String CLAIM = """
            INSERT INTO idempotency_keys AS k (contributor_id, key, fingerprint, expires, lease_until)
            VALUES (:partner, :key, :fingerprint, :expires, :lease)
            ON CONFLICT (contributor_id, key) DO UPDATE
                SET fingerprint = EXCLUDED.fingerprint, expires = EXCLUDED.expires,
                    lease_until = EXCLUDED.lease_until, status = NULL, etag = NULL, body = NULL
                WHERE k.expires <= :now
                   OR (k.status IS NULL AND k.lease_until <= :now AND k.fingerprint = EXCLUDED.fingerprint)
            RETURNING 1""";
    private static final String HELD = "SELECT fingerprint, status, etag, body FROM idempotency_keys "
            + "WHERE contributor_id = :partner AND key = :key";
    private static final String COMPLETE = "UPDATE idempotency_keys SET status = :status, etag = :etag, body = :body "
            + "WHERE contributor_id = :partner AND key = :key AND fingerprint = :fingerprint AND status IS NULL";
    private static final String RELEASE = "DELETE FROM idempotency_keys "
            + "WHERE contributor_id = :partner AND key = :key AND fingerprint = :fingerprint AND status IS NULL";
    // SKIP LOCKED: the purge never waits for a row a request is claiming or completing.
    private static final String PURGE = "DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY("
            + "SELECT ctid FROM idempotency_keys WHERE expires <= :now LIMIT :max FOR UPDATE SKIP LOCKED))";

    private final Jdbi jdbi;

    PostgresIdempotencyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Claim claim(ContributorId partner, String key, byte[] fingerprint, Instant now, Instant expires,
                       Instant leaseUntil) {
        return StoreFailures.guard(() -> jdbi.withHandle(handle -> {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                boolean claimed = handle.createQuery(CLAIM).bind("partner", partner.value()).bind("key", key)
                        .bind("fingerprint", fingerprint).bind("expires", utc(expires)).bind("lease", utc(leaseUntil))
                        .bind("now", utc(now)).mapTo(Integer.class).findOne().isPresent();
                if (claimed) {
                    return new Claim.Claimed();
                }
                Optional<Claim> held = handle.createQuery(HELD).bind("partner", partner.value()).bind("key", key)
                        .map((rs, ctx) -> (Claim) new Claim.Held(rs.getBytes("fingerprint"),
                                rs.getObject("status") == null ? null
                                        : new RecordedAnswer(rs.getInt("status"), rs.getString("etag"),
                                        rs.getBytes("body"))))
                        .findOne();
                if (held.isPresent()) {
                    return held.get();
                }
            }
            throw new IllegalStateException("an idempotency key kept vanishing; gave up after " + ATTEMPTS
                    + " attempts");
        }));
    }

    @Override
    public void complete(ContributorId partner, String key, byte[] fingerprint, RecordedAnswer answer) {
        StoreFailures.guard(() -> jdbi.withHandle(handle -> handle.createUpdate(COMPLETE)
                .bind("partner", partner.value()).bind("key", key).bind("fingerprint", fingerprint)
                .bind("status", answer.status()).bind("etag", answer.etag()).bind("body", answer.body())
                .execute()));
    }

    @Override
    public void release(ContributorId partner, String key, byte[] fingerprint) {
        StoreFailures.guard(() -> jdbi.withHandle(handle -> handle.createUpdate(RELEASE)
                .bind("partner", partner.value()).bind("key", key).bind("fingerprint", fingerprint).execute()));
    }

    @Override
    public int purgeExpired(Instant now, int max) {
        return StoreFailures.guard(() -> jdbi.withHandle(handle -> handle.createUpdate(PURGE)
                .bind("now", utc(now)).bind("max", max).execute()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
