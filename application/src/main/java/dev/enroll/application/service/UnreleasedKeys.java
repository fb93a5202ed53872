package dev.enroll.application.service;

import dev.enroll.application.port.in.IdempotentRequests.Ticket;
import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.domain.user.ContributorId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keys this instance failed to free after their requests failed, nearly always because the
 * database was down. Each is freed before this instance's next claim, so a client retrying
 * after a 503 runs its request again as soon as the database answers, instead of being told
 * for the rest of the lease that its first request still runs.
 *
 * <p>Only while the lease holds the key for its ticket: after that another request, perhaps on
 * another instance, may have claimed the key, and a late release would free that one's claim
 * while it runs. {@link #CLOCK_MARGIN} allows for instances whose clocks differ. At most
 * {@link #MAX} keys wait; any beyond are freed by their lease alone, as a key of an instance
 * that died is.
 */
final class UnreleasedKeys {

    static final int MAX = 10_000;
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(30);

    private record Key(ContributorId partner, String key) {
    }

    private final ConcurrentMap<Key, Ticket> tickets = new ConcurrentHashMap<>();

    void add(Ticket ticket) {
        if (tickets.size() < MAX) {
            tickets.put(new Key(ticket.partner(), ticket.key()), ticket);
        }
    }

    /**
     * Frees every key still this instance's to free at {@code now}, and forgets those whose lease
     * is over. A failure is thrown (the database is still down) and leaves the rest for later.
     */
    void release(IdempotencyStore store, Instant now) {
        for (Map.Entry<Key, Ticket> entry : tickets.entrySet()) {
            Ticket ticket = entry.getValue();
            // Removed first, so that of two requests at once only one frees it.
            if (!tickets.remove(entry.getKey(), ticket) || !now.isBefore(ticket.leaseUntil().minus(CLOCK_MARGIN))) {
                continue;
            }
            try {
                store.release(ticket.partner(), ticket.key(), ticket.fingerprint());
            } catch (RuntimeException e) {
                tickets.putIfAbsent(entry.getKey(), ticket);
                throw e;
            }
        }
    }
}
