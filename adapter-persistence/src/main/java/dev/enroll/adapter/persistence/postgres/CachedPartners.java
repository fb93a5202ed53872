package dev.enroll.adapter.persistence.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Partners as a serving instance sees them: {@link #findById}, asked on every authenticated
 * request, answers from an in-process copy; everything else goes to the table. The copy is told
 * when it is stale: {@link PartnerChanges} evicts a partner as soon as any instance changes it,
 * and everything when it may have missed a change (its connection was lost). {@link #TTL} is the
 * safety net should a notice still go astray. Unknown ids are cached too (as empty), so a caller
 * with a forged partner id costs the database nothing more; creating that partner evicts it.
 */
final class CachedPartners implements PartnerRepository {

    /** How long a copy is trusted without any notice: the longest a lost notice could matter. */
    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_PARTNERS = 10_000;

    private final PartnerRepository table;
    private final Cache<ContributorId, Optional<Partner>> byId = Caffeine.newBuilder()
            .expireAfterWrite(TTL)
            .maximumSize(MAX_PARTNERS)
            // Upkeep on the calling thread: no hand-off to a shared pool on every request.
            .executor(Runnable::run)
            .build();
    /** Counts evictions, so a load that raced one is not kept (see {@link #findById}). */
    private final AtomicLong evictions = new AtomicLong();

    CachedPartners(PartnerRepository table) {
        this.table = table;
    }

    /**
     * The partner, from the copy when it has one. A miss reads the table without holding any
     * lock: when the database is slow or gone, each request waits its own connection timeout,
     * never behind other requests' loads of the same partner (a compute under the cache's lock
     * queued them one after another). A load that read the row before a change must not
     * outlive the change's notice: it is kept only if no eviction happened meanwhile, checked
     * after it is stored, since an eviction counts first and clears second.
     */
    @Override
    public Optional<Partner> findById(ContributorId id) {
        Optional<Partner> cached = byId.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        long seen = evictions.get();
        Optional<Partner> loaded = table.findById(id);
        byId.put(id, loaded);
        if (evictions.get() != seen) {
            byId.invalidate(id);
        }
        return loaded;
    }

    /** Forgets the copy of one partner: it changed. */
    void evict(ContributorId id) {
        evictions.incrementAndGet();
        byId.invalidate(id);
    }

    /** Forgets every copy: changes may have gone unnoticed. */
    void evictAll() {
        evictions.incrementAndGet();
        byId.invalidateAll();
    }

    @Override
    public boolean insert(Partner partner) {
        return evicting(partner.id(), () -> table.insert(partner));
    }

    @Override
    public Optional<Partner> findByClientId(ClientId clientId) {
        return table.findByClientId(clientId);
    }

    @Override
    public List<Partner> findAll() {
        return table.findAll();
    }

    @Override
    public Optional<Partner> setEnabled(ContributorId id, boolean enabled) {
        return evicting(id, () -> table.setEnabled(id, enabled));
    }

    @Override
    public Optional<Partner> replaceSecret(ContributorId id, SecretHash secretHash) {
        return evicting(id, () -> table.replaceSecret(id, secretHash));
    }

    /** What {@code change} answers; this instance forgets the partner at once, before its own notice arrives. */
    private <T> T evicting(ContributorId id, Supplier<T> change) {
        try {
            return change.get();
        } finally {
            evict(id);
        }
    }
}
