package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired idempotency keys in the background, on a thread of its own, a batch at a
 * time: a request never waits for it, and it never waits for a key a request holds (SKIP
 * LOCKED). Every instance runs one; they skip each other's rows the same way.
 */
final class IdempotencyPurge implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final ScheduledExecutorService executor;

    IdempotencyPurge(IdempotencyStore store, Clock clock) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "enroll-idempotency-purge");
            // Daemon: a store nobody closed must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> purge(store, clock), INTERVAL.toSeconds(), INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** One round: batch after batch until a batch comes back short. */
    static void purge(IdempotencyStore store, Clock clock) {
        try {
            int purged;
            do {
                purged = store.purgeExpired(clock.instant(), BATCH);
            } while (purged == BATCH);
        } catch (RuntimeException e) {
            // The next round tries again; the message names only the SQLState.
            LOG.warn("Purging expired idempotency keys failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
