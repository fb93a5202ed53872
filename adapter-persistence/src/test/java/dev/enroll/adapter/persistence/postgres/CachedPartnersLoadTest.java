package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How the partner cache loads what it misses: without making requests wait for each other (a
 * slow or dead database costs each request its own timeout, not the sum of everyone's), and
 * without keeping a copy that an eviction made stale while it was being read.
 */
class CachedPartnersLoadTest {

    private static final ContributorId ACME = new ContributorId("acme");
    private static final Partner PARTNER = new Partner(ACME, null, new ClientId("ck_0123456789abcdef"),
            new SecretHash(new byte[SecretHash.LENGTH]), true, Instant.EPOCH);

    @Test
    void a_miss_does_not_wait_for_another_requests_load_of_the_same_partner() throws Exception {
        CountDownLatch firstLoadStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstLoad = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        CachedPartners cache = new CachedPartners(new Table(() -> {
            if (loads.incrementAndGet() == 1) {
                firstLoadStarted.countDown();
                await(releaseFirstLoad);
            }
            return Optional.of(PARTNER);
        }));
        CompletableFuture<Optional<Partner>> stuck = CompletableFuture.supplyAsync(() -> cache.findById(ACME));
        await(firstLoadStarted);

        Optional<Partner> second = CompletableFuture.supplyAsync(() -> cache.findById(ACME)).get(10, TimeUnit.SECONDS);

        assertThat(second).contains(PARTNER);
        assertThat(stuck).isNotDone();
        releaseFirstLoad.countDown();
        assertThat(stuck.get(10, TimeUnit.SECONDS)).contains(PARTNER);
    }

    @Test
    void a_copy_read_before_an_eviction_is_not_kept() {
        AtomicInteger loads = new AtomicInteger();
        CachedPartners[] cache = new CachedPartners[1];
        cache[0] = new CachedPartners(new Table(() -> {
            if (loads.incrementAndGet() == 1) {
                cache[0].evict(ACME); // the partner changes while its old row is on the way
            }
            return Optional.of(PARTNER);
        }));

        cache[0].findById(ACME);
        cache[0].findById(ACME);
        cache[0].findById(ACME);

        assertThat(loads).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A partners table whose only answer is {@code findById}'s. */
    private record Table(java.util.function.Supplier<Optional<Partner>> findById) implements PartnerRepository {

        @Override
        public Optional<Partner> findById(ContributorId id) {
            return findById.get();
        }

        @Override
        public boolean insert(Partner partner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Partner> findByClientId(ClientId clientId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Partner> findAll() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Partner> setEnabled(ContributorId id, boolean enabled) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Partner> replaceSecret(ContributorId id, SecretHash secretHash) {
            throw new UnsupportedOperationException();
        }
    }
}
