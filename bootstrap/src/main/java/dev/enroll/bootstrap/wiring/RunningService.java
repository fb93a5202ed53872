package dev.enroll.bootstrap.wiring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving process: the HTTP server on its port, the management server (metrics, probes) on
 * another, and the stores and metrics behind them.
 */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final int port;
    private final int managementPort;
    private final StartedParts parts;

    RunningService(int port, int managementPort, StartedParts parts) {
        this.port = port;
        this.managementPort = managementPort;
        this.parts = parts;
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
        parts.close();
        LOG.info("Stopped");
    }
}
