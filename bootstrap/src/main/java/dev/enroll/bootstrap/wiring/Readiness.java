package dev.enroll.bootstrap.wiring;

import dev.enroll.application.port.out.StoreHealth;

/**
 * What the management port's readiness probe answers: not ready while the service starts (the
 * management server is up before the API listens), then whatever the store says.
 */
final class Readiness implements StoreHealth {

    private volatile StoreHealth serving;

    /** From now on, ready when {@code store} is: the API listens on its port. */
    void serving(StoreHealth store) {
        this.serving = store;
    }

    @Override
    public boolean isReady() {
        StoreHealth store = serving;
        return store != null && store.isReady();
    }
}
