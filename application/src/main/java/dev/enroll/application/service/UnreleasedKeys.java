package dev.enroll.application.service;

import dev.enroll.application.port.in.IdempotentRequests.Ticket;
import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keys this instance could not free after their requests failed, because the store could not be
 * reached, and keys whose claim failed the same way, which the store may have made all the same
 * (the answer lost on the way back). Each is freed before this instance's next claim of it, and
 * {@link #PER_CLAIM} at each claim of any other key, so that a client retrying after a 503 runs
 * its request again as soon as the store answers, rather than being told until the lease ends
 * that its first request still runs.
 *
 * <p>A release names its claim ({@link IdempotencyStore#release}), so one that comes late, even
 * after the store did free the key and the request claimed it again elsewhere, frees nothing but
 * its own claim. A key whose lease is over needs no release. At most {@link #MAX} keys wait, and
 * none survives a restart: those are freed by their lease alone, as a dead instance's keys are.
 */
final class UnreleasedKeys {

    static final int MAX = 10_000;
    /**
     * Besides the key being claimed, the releases a claim tries first: a claim waits for a couple,
     * never for all, as a store that just came back has every client retrying at once.
     */
    static final int PER_CLAIM = 2;

    private record Key(ContributorId partner, String key) {
    }

    private final ConcurrentMap<Key, Ticket> tickets = new ConcurrentHashMap<>();

    void add(Ticket ticket) {
        if (tickets.size() < MAX) {
            tickets.put(new Key(ticket.partner(), ticket.key()), ticket);
        }
    }

    /**
     * Before a claim of {@code key}: frees it if this instance could not, then up to
     * {@link #PER_CLAIM} others. Throws {@link StoreUnavailableException} while the store still
     * cannot free the key being claimed (the claim could not be made either), keeping it for
     * later; the others are tried again at later claims. A key that fails to be freed otherwise is
     * left to its lease: a fault of one key's, which trying again would not mend, must not fail
     * every keyed request of the instance.
     */
    void release(IdempotencyStore store, ContributorId partner, String key, Instant now) {
        if (tickets.isEmpty()) {
            return;
        }
        release(store, new Key(partner, key), now);
        int tried = 0;
        for (Key other : tickets.keySet()) {
            if (tried++ == PER_CLAIM) {
                return;
            }
            try {
                release(store, other, now);
            } catch (StoreUnavailableException e) {
                return; // kept; not this request's to fail for
            }
        }
    }

    private void release(IdempotencyStore store, Key key, Instant now) {
        // Removed first, so that of two requests at once only one frees it.
        Ticket ticket = tickets.remove(key);
        if (ticket == null || !now.isBefore(ticket.leaseUntil())) {
            return;
        }
        try {
            store.release(ticket.partner(), ticket.key(), ticket.fingerprint(), ticket.leaseUntil());
        } catch (StoreUnavailableException e) {
            tickets.putIfAbsent(key, ticket);
            throw e;
        } catch (RuntimeException e) {
            // Left to its lease, as every key that could not be freed once was; the request that
            // failed to free it first was logged (the HTTP adapter's idempotency step).
        }
    }
}
