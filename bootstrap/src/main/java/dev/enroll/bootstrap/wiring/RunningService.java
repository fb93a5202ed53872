package dev.enroll.bootstrap.wiring;

import dev.enroll.adapter.http.HttpApi;
import dev.enroll.adapter.http.ManagementServer;
import dev.enroll.bootstrap.config.Config;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving process: the HTTP server on its port, the management server (metrics, probes) on
 * another, and the stores and metrics behind them.
 */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final HttpApi http;
    private final ManagementServer management;
    private final Stores stores;
    private final ServiceMetrics metrics;
    private int port;
    private int managementPort;

    RunningService(HttpApi http, ManagementServer management, Stores stores, ServiceMetrics metrics) {
        this.http = http;
        this.management = management;
        this.stores = stores;
        this.metrics = metrics;
    }

    /** Binds the management port, then the API's, and says where each listens. */
    void start(Config config) {
        managementPort = management.start(config.managementHost(), config.managementPort());
        LOG.info("Metrics and health probes on the management port, {}:{}", config.managementHost(), managementPort);
        port = http.start(config.httpPort());
        LOG.info("Enroll is listening on port {} ({} store)", port, config.store().name().toLowerCase(Locale.ROOT));
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
