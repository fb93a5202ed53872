package dev.enroll.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.application.port.in.IdempotentRequests.Ticket;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UnusedIdempotencyStore;
import dev.enroll.domain.user.ContributorId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreleasedKeysTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123456Z");

    private final ContributorId partner = TestIds.contributor();
    private final UnreleasedKeys unreleased = new UnreleasedKeys();
    private final Releases store = new Releases();

    @Test
    void while_the_store_cannot_be_reached_a_key_waits_and_fails_only_the_claim_of_itself() {
        unreleased.add(ticket("a"));
        store.failure = new StoreUnavailableException("down for the test", null);

        unreleased.release(store, partner, "b", NOW);
        assertThatThrownBy(() -> unreleased.release(store, partner, "a", NOW))
                .isInstanceOf(StoreUnavailableException.class);
        store.failure = null;
        unreleased.release(store, partner, "b", NOW);
        unreleased.release(store, partner, "b", NOW);

        assertThat(store.tried).containsExactly("a", "a", "a");
    }

    @Test
    void a_claim_frees_its_own_key_and_only_a_couple_of_others() {
        for (String key : List.of("a", "b", "c", "d", "e")) {
            unreleased.add(ticket(key));
        }

        unreleased.release(store, partner, "e", NOW);

        assertThat(store.tried).hasSize(1 + UnreleasedKeys.PER_CLAIM).startsWith("e");
    }

    @Test
    void a_key_that_fails_otherwise_is_left_to_its_lease_and_fails_no_other_request() {
        unreleased.add(ticket("a"));
        store.failure = new IllegalStateException("a fault of this key's");

        unreleased.release(store, partner, "b", NOW);
        store.failure = null;
        unreleased.release(store, partner, "b", NOW);

        assertThat(store.tried).containsExactly("a");
    }

    @Test
    void a_key_whose_lease_is_over_needs_no_release() {
        unreleased.add(ticket("a"));

        unreleased.release(store, partner, "b", NOW.plus(Duration.ofMinutes(6)));

        assertThat(store.tried).isEmpty();
    }

    private Ticket ticket(String key) {
        return new Ticket(partner, key, new byte[32], NOW.plus(Duration.ofMinutes(5)));
    }

    /** Records each release tried, and fails it with {@code failure} when set. */
    private static final class Releases extends UnusedIdempotencyStore {
        RuntimeException failure;
        final List<String> tried = new ArrayList<>();

        @Override
        public void release(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil) {
            tried.add(key);
            if (failure != null) {
                throw failure;
            }
        }
    }
}
