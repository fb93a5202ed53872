package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.ContributorId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for partner changes, on a connection of its own (a pooled one could be handed to a
 * request, and a notice goes only to the connection that listens), and evicts the changed
 * partner from {@link CachedPartners}. While the connection is down, notices are lost: so the
 * cache is emptied when it is lost and again when listening resumes, and until then its entries
 * live out their TTL at most. Reconnecting waits {@link #FIRST_RETRY}, doubling to {@link #LAST_RETRY}.
 */
final class PartnerChanges implements AutoCloseable {

    /** The channel the partners table's trigger notifies, with the partner id as payload. */
    static final String CHANNEL = "enroll_partner_changed";

    private static final Logger LOG = LoggerFactory.getLogger(PartnerChanges.class);
    /** How long one wait for notices lasts: also how soon {@link #close} is noticed. */
    private static final int POLL_MILLIS = 250;
    /** A probe after this many polls without a notice: every few seconds. */
    private static final int PROBE_EVERY_POLLS = 20;
    private static final int PROBE_TIMEOUT_SECONDS = 2;
    /**
     * How long any read on the listening connection waits for the server: past it the connection
     * is given up and a new one opened. Without it a probe sent into a network black hole waits
     * forever for its lost answer, and the cache never hears of a change again.
     */
    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(PROBE_TIMEOUT_SECONDS + 1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final DataSource connections;
    private final CachedPartners cache;
    private final Thread listener;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Connection current;

    /** Starts listening on connections from {@code connections}, which must not be a pool. */
    PartnerChanges(DataSource connections, CachedPartners cache) {
        this.connections = connections;
        this.cache = cache;
        this.listener = new Thread(this::listen, "enroll-partner-changes");
        // Daemon: a store nobody closed must not keep the JVM alive.
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void close() {
        closed.countDown();
        Connection connection = current;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing anyway; the listener sees the closed connection and stops.
            }
        }
        // A listener opening a connection to a database that does not answer waits out the login
        // timeout (5 s) in pgjdbc, which gives up at once when interrupted: a stop need not wait.
        listener.interrupt();
        try {
            listener.join(LAST_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        while (closed.getCount() > 0) {
            try (Connection connection = connections.getConnection()) {
                current = connection;
                PostgresSettings.boundReads(connection, NETWORK_TIMEOUT);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Whatever changed while nobody listened is unknown: start afresh.
                cache.evictAll();
                retry = FIRST_RETRY;
                PGConnection notices = connection.unwrap(PGConnection.class);
                long quietPolls = 0;
                while (closed.getCount() > 0) {
                    PGNotification[] received = notices.getNotifications(POLL_MILLIS);
                    if (received != null && received.length > 0) {
                        quietPolls = 0;
                        for (PGNotification notice : received) {
                            evict(notice.getParameter());
                        }
                    } else if (++quietPolls % PROBE_EVERY_POLLS == 0) {
                        probe(connection);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                cache.evictAll();
                if (closed.getCount() > 0) {
                    LOG.warn("Lost the partner-change listener's connection ({}); the partner cache is emptied, "
                            + "retrying in {} ms", StoreFailures.translate((Throwable) e).getMessage(), retry.toMillis());
                }
            } finally {
                current = null;
            }
            retry = waitBeforeRetry(retry);
        }
    }

    /** A round trip, so a connection that died without a word is noticed (waiting for notices never would). */
    private static void probe(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        }
    }

    private void evict(String partnerId) {
        try {
            cache.evict(new ContributorId(partnerId));
        } catch (InvalidValueException e) {
            // Not a partner id: nobody can be cached under it. Empty everything rather than guess.
            cache.evictAll();
        }
    }

    /** Waits {@code retry} unless closed meanwhile; answers the next wait. */
    private Duration waitBeforeRetry(Duration retry) {
        try {
            closed.await(retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
        Duration doubled = retry.multipliedBy(2);
        return doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
    }
}
