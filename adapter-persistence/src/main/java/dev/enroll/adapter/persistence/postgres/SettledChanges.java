package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.user.ContributorId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The highest change number a feed page may show (V8's {@code settled_user_change}): every
 * number up to it is committed or rolled back for good. Asking takes the contributor's change
 * lock exclusive for an instant, and two pages asking at once wait for each other in PostgreSQL:
 * 32 pages of one partner at once ran the call at a fifth of its rate alone (pgbench). So on this
 * instance one call at a time runs per contributor, and the pages that arrive while it runs share
 * the next one.
 *
 * <p>Not the one already running: it may have read the sequence before a page's own client wrote,
 * and a client must see its own writes. Any call that starts after a page arrived serves it; a
 * number that was settled stays settled, so a bound is never wrong, only older.
 */
final class SettledChanges {

    private static final String SETTLED = "SELECT settled_user_change(?)";

    /** The calls of one contributor on this instance: how many started and finished, and the last answer. */
    private static final class Calls {
        private long started;
        private long finished;
        private long failed;
        private boolean running;
        private long bound;
    }

    private final DataSource dataSource;
    private final Duration deadline;
    private final Map<ContributorId, Calls> calls = new ConcurrentHashMap<>();

    /**
     * A page waits at most {@code deadline} for another page's call, then fails as unavailable;
     * and fails with it when that call fails, rather than run its own against a database that
     * just failed one, which would take the page past its deadline. Only the page whose call runs
     * holds a connection: the others wait without one.
     */
    SettledChanges(DataSource dataSource, Duration deadline) {
        this.dataSource = dataSource;
        this.deadline = deadline;
    }

    /** The settled bound for a page that starts now. */
    long bound(ContributorId contributor) throws SQLException {
        Calls of = calls.computeIfAbsent(contributor, unused -> new Calls());
        long callNumber;
        synchronized (of) {
            // The first call to start after now serves this page.
            long needed = of.started + 1;
            long failedBefore = of.failed;
            long until = System.nanoTime() + deadline.toNanos();
            while (of.finished < needed && of.running) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    throw new SQLTransientConnectionException("the change feed's bound took too long", "57014");
                }
                try {
                    of.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientConnectionException("interrupted waiting for the change feed's bound",
                            "57014", e);
                }
            }
            if (of.finished >= needed) {
                return of.bound;
            }
            if (of.failed != failedBefore) {
                throw new SQLTransientConnectionException("the change feed's bound failed on another page", "08006");
            }
            of.running = true;
            callNumber = ++of.started;
        }
        long bound = 0;
        boolean answered = false;
        try (Connection connection = dataSource.getConnection()) {
            bound = Queries.list(connection, SETTLED, row -> row.getLong(1), contributor.value()).get(0);
            answered = true;
            return bound;
        } finally {
            synchronized (of) {
                of.running = false;
                if (answered) {
                    of.finished = callNumber;
                    of.bound = bound;
                } else {
                    of.failed++;
                }
                // A failed call answers nobody, and fails the pages waiting for it.
                of.notifyAll();
            }
        }
    }
}
