package dev.enroll.adapter.persistence.memory;

import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Idempotency keys in memory, for one process; nothing survives a restart. One lock for all:
 * each operation is a map lookup. Expired records count as absent, and are swept out every {@link #SWEEP_EVERY} claims.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Id(ContributorId partner, String key) {
    }

    private record Entry(byte[] fingerprint, Instant expires, Instant leaseUntil, RecordedAnswer answer) {
    }

    /** Claims between two sweeps for expired records: a sweep walks every record. */
    private static final int SWEEP_EVERY = 1024;

    private final Map<Id, Entry> entries = new HashMap<>();
    private int claims;

    @Override
    public synchronized Claim claim(ContributorId partner, String key, byte[] fingerprint, Instant now,
                                    Instant expires, Instant leaseUntil) {
        if (++claims % SWEEP_EVERY == 0) {
            purgeExpired(now, Integer.MAX_VALUE);
        }
        Id id = new Id(partner, key);
        Entry held = entries.get(id);
        boolean abandoned = held != null && held.answer() == null && !now.isBefore(held.leaseUntil())
                && Arrays.equals(held.fingerprint(), fingerprint);
        if (held != null && now.isBefore(held.expires()) && !abandoned) {
            return new Claim.Held(held.fingerprint().clone(), held.answer());
        }
        entries.put(id, new Entry(fingerprint.clone(), expires, leaseUntil, null));
        return new Claim.Claimed();
    }

    @Override
    public synchronized void complete(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil,
                                      RecordedAnswer answer) {
        Id id = new Id(partner, key);
        Entry held = entries.get(id);
        if (isTheClaim(held, fingerprint, leaseUntil)) {
            entries.put(id, new Entry(held.fingerprint(), held.expires(), held.leaseUntil(), answer));
        }
    }

    @Override
    public synchronized void release(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil) {
        Id id = new Id(partner, key);
        if (isTheClaim(entries.get(id), fingerprint, leaseUntil)) {
            entries.remove(id);
        }
    }

    /** A running claim is known by its request and its lease. */
    private static boolean isTheClaim(Entry held, byte[] fingerprint, Instant leaseUntil) {
        return held != null && held.answer() == null && Arrays.equals(held.fingerprint(), fingerprint)
                && held.leaseUntil().equals(leaseUntil);
    }

    @Override
    public synchronized void forget(ContributorId partner, UserId user) {
        entries.entrySet().removeIf(entry -> entry.getKey().partner().equals(partner)
                && entry.getValue().answer() != null && user.equals(entry.getValue().answer().about()));
    }

    @Override
    public synchronized int purgeExpired(Instant now, int max) {
        int purged = 0;
        Iterator<Entry> all = entries.values().iterator();
        while (all.hasNext() && purged < max) {
            if (!now.isBefore(all.next().expires())) {
                all.remove();
                purged++;
            }
        }
        return purged;
    }
}
