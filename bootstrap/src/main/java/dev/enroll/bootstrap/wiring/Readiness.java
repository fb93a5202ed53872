package dev.enroll.bootstrap.wiring;

import dev.enroll.application.port.out.StoreHealth;

/**
 * What the management port's readiness probe answers: not ready while the service starts (the
 * management server is up before the API listens), then what the API's own probe answers (the
 * store answers, and no stop has begun).
 */
final class Readiness implements StoreHealth {

    private volatile StoreHealth serving;

    /** From now on, ready when {@code api} is: the API listens on its port. */
    void serving(StoreHealth api) {
        this.serving = api;
    }

    @Override
    public boolean isReady() {
        StoreHealth store = serving;
        return store != null && store.isReady();
    }
}
