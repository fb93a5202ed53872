package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.StoreHealth;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ready when a trivial query answers: a connection within the pool's connection timeout, and
 * the answer within {@link #QUERY_TIMEOUT_SECONDS}.
 */
final class PostgresHealth implements StoreHealth {

    static final int QUERY_TIMEOUT_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresHealth.class);

    private final Jdbi jdbi;

    PostgresHealth(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean isReady() {
        try (Handle handle = jdbi.open()) {
            return handle.createQuery("SELECT 1").setQueryTimeout(QUERY_TIMEOUT_SECONDS).mapTo(Integer.class).one() == 1;
        } catch (RuntimeException e) {
            LOG.warn("PostgreSQL is not ready: {}", StoreFailures.translate(e).getMessage());
            return false;
        }
    }
}
