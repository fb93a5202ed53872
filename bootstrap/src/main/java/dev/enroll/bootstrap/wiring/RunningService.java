package dev.enroll.bootstrap.wiring;

import dev.enroll.adapter.http.HttpApi;
import dev.enroll.adapter.http.ManagementServer;
import dev.enroll.bootstrap.config.Config;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving process: the HTTP server on its port, the management server (metrics, probes) on
 * another, and the stores and metrics behind them. It starts in two steps: the management
 * server while the stores open, then the API on the open stores.
 */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final ManagementServer management;
    private final StoresOpening stores;
    private final ServiceMetrics metrics;
    private HttpApi http;
    private int port;
    private int managementPort;

    RunningService(ManagementServer management, StoresOpening stores, ServiceMetrics metrics) {
        this.management = management;
        this.stores = stores;
        this.metrics = metrics;
    }

    /** Binds the management port and says where it listens. */
    void startManagement(Config config) {
        managementPort = management.start(config.managementHost(), config.managementPort());
        LOG.info("Metrics and health probes on the management port, {}:{}", config.managementHost(), managementPort);
    }

    /** Binds the API's port and says where it listens; from then on, {@link #close} stops it too. */
    void startApi(HttpApi api, Config config) {
        http = api;
        port = api.start(config.httpPort());
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
        if (http != null) {
            http.stop();
        }
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
