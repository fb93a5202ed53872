package dev.enroll.adapter.http;

import dev.enroll.domain.user.ContributorId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many imports each partner runs at once on this server: two, and always fewer than the
 * server's import places when it has more than one. An import holds a request slot and a
 * database connection until its last line, and only a quarter of the slots serve imports
 * (Admission); without a share per partner, one partner's imports could take every import place
 * and leave every other partner's refused. One more of the same partner's is its own limit, like
 * its request rate: 429 with {@code Retry-After}.
 */
final class PartnerImports {

    /** The share of a server with many import places. */
    static final int MOST_PER_PARTNER = 2;
    private static final long RETRY_AFTER_SECONDS = 1;

    private final int perPartner;
    /** One entry per partner that ever imported here: a handful, never one per request. */
    private final ConcurrentHashMap<ContributorId, Semaphore> places = new ConcurrentHashMap<>();

    /** For a server with {@code places} import places (at least one). */
    PartnerImports(int places) {
        this.perPartner = Math.max(1, Math.min(MOST_PER_PARTNER, places - 1));
    }

    /** One running import of a partner; closing it ends it. */
    interface Place extends AutoCloseable {
        @Override
        void close();
    }

    /** A place for one more of {@code partner}'s imports, or 429 when the partner runs its share already. */
    Place enter(ContributorId partner) {
        Semaphore own = places.computeIfAbsent(partner, id -> new Semaphore(perPartner));
        if (!own.tryAcquire()) {
            throw new RateLimitedException("This partner runs as many imports at once as it may (" + perPartner
                    + "); retry when one has ended", RETRY_AFTER_SECONDS);
        }
        return own::release;
    }
}
