package dev.enroll.bootstrap.wiring;

import dev.enroll.adapter.http.HttpApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A serving process: the HTTP server on its port, and the stores behind it. */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final HttpApi http;
    private final Stores stores;
    private final int port;

    RunningService(HttpApi http, Stores stores, int port) {
        this.http = http;
        this.stores = stores;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Stops taking requests, lets those in flight finish, then closes the stores (the pool). */
    @Override
    public void close() {
        LOG.info("Stopping: finishing requests in flight");
        http.stop();
        try {
            stores.close();
        } catch (RuntimeException e) {
            // Still report the stop below: the server itself has stopped, and the process ends anyway.
            LOG.warn("Closing the stores failed: {}", e.getClass().getSimpleName());
        }
        LOG.info("Stopped");
    }
}
