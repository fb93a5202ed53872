package dev.enroll.application.port.out;

import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.time.Instant;

/**
 * Where idempotency keys and the answers they stand for are kept, shared by every instance.
 * Keys are scoped to the partner. Any operation may throw {@link StoreUnavailableException}.
 */
public interface IdempotencyStore {

    /** What a claim found. */
    sealed interface Claim {
        /** The key is now this request's: no live record had it (none, expired, or an abandoned run). */
        record Claimed() implements Claim {
        }

        /** A live record holds the key: its request's fingerprint, and its answer, {@code null} while it runs. */
        record Held(byte[] fingerprint, RecordedAnswer answer) implements Claim {
        }
    }

    /**
     * Atomically: takes {@code key} for a request with {@code fingerprint}, kept until
     * {@code expires}, unless a live record holds it. A record is live until it expires; one whose
     * request never finished counts as abandoned once {@code now} passes its lease
     * ({@code leaseUntil} as set by its claim) and may be taken again by the same request.
     */
    Claim claim(ContributorId partner, String key, byte[] fingerprint, Instant now, Instant expires,
                Instant leaseUntil);

    /**
     * Keeps {@code answer} for the key claimed with {@code fingerprint} and {@code leaseUntil}: a
     * request that outlived its lease, whose key the same request has claimed again since, leaves
     * that claim to its own answer.
     */
    void complete(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil, RecordedAnswer answer);

    /**
     * Gives up the key claimed with {@code fingerprint} and {@code leaseUntil}, whose request got
     * no answer worth keeping. A claim is known by its lease: a release that comes late (its
     * request's instance could not reach the store at the time) frees nothing a later claim of the
     * same request holds, whose lease is another.
     */
    void release(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil);

    /**
     * Deletes every answer the partner's keys keep about {@code user} ({@link RecordedAnswer#about()}),
     * with the personal data it may hold; their keys are free again.
     */
    void forget(ContributorId partner, UserId user);

    /** Deletes up to {@code max} records expired at {@code now}, never waiting for one in use; answers how many. */
    int purgeExpired(Instant now, int max);
}
