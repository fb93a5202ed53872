package dev.enroll.application.service;

import dev.enroll.application.port.in.IdempotencyKeyInUseException;
import dev.enroll.application.port.in.IdempotencyKeyReusedException;
import dev.enroll.application.port.in.IdempotentRequests;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.domain.Violation;
import dev.enroll.domain.user.ContributorId;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides what a request with an idempotency key does: run (the key is now its), replay the
 * answer kept for it, or be refused because the key belongs to another request (422) or its
 * first request is still running (409). Only a success is kept. A refusal (4xx) wrote nothing:
 * one that came of the request's form (400, 415), of a header outside the fingerprint
 * ({@code If-Match}'s 412, {@code Content-Type}'s 415) or of a moment (409 for a concurrent
 * update) would be replayed to the fixed or later request that should run; one that came of
 * the data (404, 409 for a taken identity) is given again by running. A failure (5xx) may pass.
 *
 * <p>A request that never finishes (its instance died) holds its key for {@link #LEASE}; after
 * that, the same request may claim it again. The lease is longer than any request may take. A
 * key that could not be freed (the database was down) is freed before this instance's next
 * claim ({@link UnreleasedKeys}).
 */
public final class IdempotencyService implements IdempotentRequests {

    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;
    private final Clock clock;
    private final UnreleasedKeys unreleased = new UnreleasedKeys();

    public IdempotencyService(IdempotencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Decision begin(ContributorId partner, String key, byte[] fingerprint) {
        requireValid(key);
        Instant now = clock.instant();
        unreleased.release(store, partner, key, now);
        Instant leaseUntil = now.plus(LEASE);
        IdempotencyStore.Claim claim;
        try {
            claim = store.claim(partner, key, fingerprint, now, now.plus(Duration.ofHours(RETENTION_HOURS)),
                    leaseUntil);
        } catch (StoreUnavailableException e) {
            // The claim may have been made and only its answer lost: freed later if so. A release
            // names its claim by its lease, so where none was made it frees nothing.
            unreleased.add(new Ticket(partner, key, fingerprint, leaseUntil));
            throw e;
        }
        if (claim instanceof IdempotencyStore.Claim.Held held) {
            if (!MessageDigest.isEqual(held.fingerprint(), fingerprint)) {
                throw new IdempotencyKeyReusedException();
            }
            if (held.answer() == null) {
                throw new IdempotencyKeyInUseException();
            }
            return new Decision.Replay(held.answer());
        }
        return new Decision.Run(new Ticket(partner, key, fingerprint, leaseUntil));
    }

    @Override
    public void finish(Ticket ticket, RecordedAnswer answer) {
        if (answer.succeeded()) {
            store.complete(ticket.partner(), ticket.key(), ticket.fingerprint(), ticket.leaseUntil(), answer);
        } else {
            try {
                store.release(ticket.partner(), ticket.key(), ticket.fingerprint(), ticket.leaseUntil());
            } catch (StoreUnavailableException e) {
                unreleased.add(ticket);
                throw e;
            }
        }
    }

    /** 1 to 255 printable ASCII characters (visible, or space): what an HTTP header carries safely. */
    private static void requireValid(String key) {
        boolean printable = key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !printable) {
            throw new InvalidInputException(List.of(Violation.invalid(FIELD,
                    "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters")));
        }
    }
}
