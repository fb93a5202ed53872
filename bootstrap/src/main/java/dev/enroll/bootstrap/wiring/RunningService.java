package dev.enroll.bootstrap.wiring;

import dev.enroll.adapter.http.HttpApi;
import dev.enroll.adapter.http.ManagementServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving process: the HTTP server on its port, the management server (metrics, probes) on
 * another, and the stores and metrics behind them.
 */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final HttpApi http;
    private final int port;
    private final ManagementServer management;
    private final int managementPort;
    private final Stores stores;
    private final ServiceMetrics metrics;

    RunningService(HttpApi http, int port, ManagementServer management, int managementPort, Stores stores,
                   ServiceMetrics metrics) {
        this.http = http;
        this.port = port;
        this.management = management;
        this.managementPort = managementPort;
        this.stores = stores;
        this.metrics = metrics;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    /**
     * Stops taking requests, lets those in flight finish, then stops the management server and
     * closes the stores (the pool): metrics can be scraped until the API has drained.
     */
    @Override
    public void close() {
        LOG.info("Stopping: finishing requests in flight");
        http.stop();
        management.stop();
        try {
            stores.close();
        } catch (RuntimeException e) {
            // Still report the stop below: the server itself has stopped, and the process ends anyway.
            LOG.warn("Closing the stores failed: {}", e.getClass().getSimpleName());
        }
        metrics.close();
        LOG.info("Stopped");
    }
}
