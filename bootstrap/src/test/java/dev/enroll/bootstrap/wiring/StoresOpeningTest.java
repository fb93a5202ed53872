package dev.enroll.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.application.port.out.StoreUnavailableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The stores open beside the rest of the start: not ready until open, and a failure is the start's. */
class StoresOpeningTest {

    @Test
    void storesAreNotReadyUntilOpenThenAsReadyAsTheyAre() throws InterruptedException {
        CountDownLatch mayOpen = new CountDownLatch(1);
        AtomicBoolean storeReady = new AtomicBoolean(true);
        Stores stores = new Stores(null, null, null, storeReady::get, null, null, () -> { });
        StoresOpening opening = StoresOpening.start(() -> {
            try {
                mayOpen.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return stores;
        });

        assertThat(opening.health().isReady()).isFalse();
        mayOpen.countDown();
        assertThat(opening.await()).isSameAs(stores);
        assertThat(opening.health().isReady()).isTrue();
        storeReady.set(false);
        assertThat(opening.health().isReady()).isFalse();
    }

    @Test
    void aFailedOpeningIsThrownAsItWasAndLeavesNothingToClose() {
        StoreUnavailableException unreachable = new StoreUnavailableException("connection refused", null);
        StoresOpening opening = StoresOpening.start(() -> {
            throw unreachable;
        });

        assertThatThrownBy(opening::await).isSameAs(unreachable);
        assertThat(opening.health().isReady()).isFalse();
        opening.close();
    }

    @Test
    void closingClosesTheOpenedStores() {
        AtomicBoolean released = new AtomicBoolean();
        StoresOpening opening = StoresOpening.start(
                () -> new Stores(null, null, null, () -> true, null, null, () -> released.set(true)));

        opening.close();

        assertThat(released).isTrue();
    }
}
