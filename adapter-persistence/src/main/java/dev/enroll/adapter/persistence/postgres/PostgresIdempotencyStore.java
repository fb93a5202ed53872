package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Idempotency keys in PostgreSQL (V7), so that every instance, and a restarted one, sees them.
 * A claim is one conditional upsert: it takes the key when no row has it, or when the row has
 * expired, or when its request was abandoned; otherwise the row is read and reported. An answer
 * names the user it is about (V9), found by that when the user is erased.
 */
final class PostgresIdempotencyStore implements IdempotencyStore {

    /** A row may vanish (purged) between a refused claim and reading it: then claim again. */
    private static final int ATTEMPTS = 3;

    private static final String CLAIM = """
            INSERT INTO idempotency_keys AS k (contributor_id, key, fingerprint, expires, lease_until)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (contributor_id, key) DO UPDATE
                SET fingerprint = EXCLUDED.fingerprint, expires = EXCLUDED.expires,
                    lease_until = EXCLUDED.lease_until, status = NULL, etag = NULL, body = NULL, user_id = NULL
                WHERE k.expires <= ?
                   OR (k.status IS NULL AND k.lease_until <= ? AND k.fingerprint = EXCLUDED.fingerprint)
            RETURNING 1""";
    private static final String HELD = "SELECT fingerprint, status, etag, body, user_id FROM idempotency_keys "
            + "WHERE contributor_id = ? AND key = ?";
    // A claim is known by its lease, cast as the column is typed (V7: to the millisecond) so that it compares equal.
    private static final String THE_CLAIM = "contributor_id = ? AND key = ? AND fingerprint = ?"
            + " AND lease_until = CAST(? AS timestamptz(3)) AND status IS NULL";
    private static final String COMPLETE = "UPDATE idempotency_keys SET status = ?, etag = ?, body = ?, user_id = ? "
            + "WHERE " + THE_CLAIM;
    private static final String RELEASE = "DELETE FROM idempotency_keys WHERE " + THE_CLAIM;
    private static final String FORGET = "DELETE FROM idempotency_keys WHERE contributor_id = ? AND user_id = ?";
    // SKIP LOCKED: the purge never waits for a row a request is claiming or completing.
    private static final String PURGE = "DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY("
            + "SELECT ctid FROM idempotency_keys WHERE expires <= ? LIMIT ? FOR UPDATE SKIP LOCKED))";

    private final DataSource dataSource;

    PostgresIdempotencyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Claim claim(ContributorId partner, String key, byte[] fingerprint, Instant now, Instant expires,
                       Instant leaseUntil) {
        return StoreFailures.guard(() -> {
            try (Connection connection = dataSource.getConnection()) {
                for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                    boolean claimed = !Queries.list(connection, CLAIM, row -> row.getInt(1), partner.value(), key,
                            fingerprint, utc(expires), utc(leaseUntil), utc(now), utc(now)).isEmpty();
                    if (claimed) {
                        return new Claim.Claimed();
                    }
                    List<Claim> held = Queries.list(connection, HELD, row -> new Claim.Held(
                            row.getBytes("fingerprint"), row.getObject("status") == null ? null
                            : new RecordedAnswer(row.getInt("status"), row.getString("etag"), row.getBytes("body"),
                                    row.getObject("user_id") == null ? null
                                    : new UserId(row.getObject("user_id", UUID.class)))),
                            partner.value(), key);
                    if (!held.isEmpty()) {
                        return held.get(0);
                    }
                }
            }
            throw new IllegalStateException("an idempotency key kept vanishing; gave up after " + ATTEMPTS
                    + " attempts");
        });
    }

    @Override
    public void complete(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil,
                         RecordedAnswer answer) {
        Queries.update(dataSource, COMPLETE, answer.status(), answer.etag(), answer.body(),
                answer.about() == null ? null : answer.about().value(), partner.value(), key, fingerprint,
                utc(leaseUntil));
    }

    @Override
    public void release(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil) {
        Queries.update(dataSource, RELEASE, partner.value(), key, fingerprint, utc(leaseUntil));
    }

    @Override
    public void forget(ContributorId partner, UserId user) {
        Queries.update(dataSource, FORGET, partner.value(), user.value());
    }

    @Override
    public int purgeExpired(Instant now, int max) {
        return Queries.update(dataSource, PURGE, utc(now), max);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
