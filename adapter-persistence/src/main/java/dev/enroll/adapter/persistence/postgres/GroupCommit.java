package dev.enroll.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Locked writes that arrive together share one transaction and one commit. A commit costs
 * PostgreSQL a WAL flush and a round trip; under load most of a one-row insert's cost is that,
 * not the row. At most {@code writers} write transactions run at once. A write that finds one of
 * them free and nobody queued runs alone, at once, on its caller's thread, in one round trip, as
 * {@link LockedWrite} runs it. Otherwise it queues, and one of {@code writers} writer threads takes
 * it, with every write queued behind it (up to {@link #MAX_GROUP}), as soon as a transaction is
 * free, and runs them in one round trip, as one transaction: one statement takes all their
 * advisory locks, in ascending order as every writer does; then each write's statement; then
 * the commit.
 *
 * <p>The caller blocks until its write has committed, so an answer still means "it is stored".
 * A write that finds its identity taken writes no row (count 0) and does not disturb the others.
 * If the group's transaction fails (a unique violation, a deadlock), it is rolled back and each of
 * its writes runs again alone, so each caller sees exactly the outcome it would have had
 * without grouping.
 *
 * <p>Writes in one group see each other as if they ran one after the other: each statement takes
 * a new snapshot under READ COMMITTED, and sees what the statements before it in the
 * transaction wrote.
 */
final class GroupCommit implements AutoCloseable {

    /** Enough to take everything that queues up under a heavy load, few enough to keep the transaction short. */
    static final int MAX_GROUP = 64;

    /** Enough for every group size of a few shapes; past it, rare mixes are built each time. */
    private static final int MAX_CACHED_STATEMENTS = 1024;

    // unnest yields the array's elements in order, and the volatile lock function runs once per row, as it comes.
    private static final String LOCK_ALL = "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k";

    /**
     * A write as it runs alone ({@code alone}: the lock statement, then the write) and in a group
     * ({@code grouped}: the write only), with what binds its parameters from a given index on.
     */
    record Write(long[] locks, String alone, String grouped, LockedWrite.Parameters parameters) {
    }

    private record Pending(Write write, CompletableFuture<Integer> rows) {
    }

    private final DataSource dataSource;
    /** Statement texts by mix of shapes and counts (see {@link #runTogether}). */
    private final Map<List<Object>, String> statements = new ConcurrentHashMap<>();
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Write transactions that may run at once. Fair, so a lone write never jumps a waiting group. */
    private final Semaphore transactions;
    /** Writes queued or taken by a writer that waits for a transaction: what the next groups will hold. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<Thread> writers;
    private volatile boolean closed;

    /**
     * Allows {@code writers} write transactions at once, and starts as many writer threads for
     * the queued writes; each holds a pooled connection only while it runs a transaction.
     */
    GroupCommit(DataSource dataSource, int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.dataSource = dataSource;
        this.transactions = new Semaphore(writers, true);
        List<Thread> threads = new ArrayList<>(writers);
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::write, "enroll-group-commit-" + (i + 1));
            // Daemon: a store nobody closed must not keep the JVM alive.
            thread.setDaemon(true);
            threads.add(thread);
        }
        this.writers = List.copyOf(threads);
        this.writers.forEach(Thread::start);
    }

    /** Runs {@code write}, alone or in a group, and returns the rows it wrote once they are committed. */
    int execute(Write write) throws SQLException {
        if (closed) {
            throw closedFailure();
        }
        if (queue.isEmpty() && freeTransaction()) {
            try (Connection connection = dataSource.getConnection()) {
                return LockedWrite.execute(connection, write.alone(), write.locks(), write.parameters());
            } finally {
                transactions.release();
            }
        }
        Pending pending = new Pending(write, new CompletableFuture<>());
        waiting.incrementAndGet();
        queue.add(pending);
        // Closed meanwhile: nobody may be left to take it. If it is still queued, it is ours to fail.
        if (closed && queue.remove(pending)) {
            waiting.decrementAndGet();
            throw closedFailure();
        }
        try {
            return pending.rows().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for the write to commit", "08006", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("group commit failed", cause);
        }
    }

    /** Writes waiting for a group: queued, or taken by a writer that waits for a free transaction. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Stops the writers. Writes still queued, or running when a writer is interrupted, fail as
     * "unavailable"; so do writes that arrive later. The HTTP server stops first, so normally
     * nothing is left to fail.
     */
    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failAll(queue);
    }

    private void write() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (!closed) {
            try {
                group.add(queue.take());
                transactions.acquire();
            } catch (InterruptedException e) {
                // close() wakes a writer this way; the loop condition decides, and close() fails what it held.
                group.forEach(pending -> pending.rows().completeExceptionally(closedFailure()));
                group.clear();
                continue;
            }
            // Everything that queued while this writer waited for a transaction goes with it.
            queue.drainTo(group, MAX_GROUP - 1);
            waiting.addAndGet(-group.size());
            try {
                run(group);
            } catch (Throwable unexpected) {
                // Whatever went wrong, no caller may be left waiting for an answer.
                group.forEach(pending -> pending.rows().completeExceptionally(unexpected));
            } finally {
                transactions.release();
            }
            group.clear();
        }
    }

    /** Takes a free write transaction without waiting, unless a writer already waits for one. */
    private boolean freeTransaction() throws SQLException {
        try {
            // With a timeout, tryAcquire honours fairness: a writer waiting with a group goes first.
            return transactions.tryAcquire(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting to write", "08006", e);
        }
    }

    private void run(List<Pending> group) {
        try (Connection connection = dataSource.getConnection()) {
            if (group.size() == 1 || !runTogether(connection, group)) {
                for (Pending pending : group) {
                    runAlone(connection, pending);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // No connection (or it broke): every write still waiting hears why.
            group.forEach(pending -> pending.rows().completeExceptionally(e));
        }
    }

    /**
     * The group in one round trip: its lock statement and its writes as one multi-statement
     * string, which PostgreSQL runs as one implicit transaction, committed at its end (as
     * {@link LockedWrite} does for one write). False, with nothing written, when it failed.
     */
    private boolean runTogether(Connection connection, List<Pending> group) throws SQLException {
        // Writes of one shape next to each other: the statement text then depends only on how many
        // of each shape there are, so it is built, and prepared by the driver, once per such mix.
        Map<String, List<Pending>> byShape = new LinkedHashMap<>();
        for (Pending pending : group) {
            byShape.computeIfAbsent(pending.write().grouped(), unused -> new ArrayList<>()).add(pending);
        }
        List<Object> mix = new ArrayList<>(2 * byShape.size());
        List<Pending> ordered = new ArrayList<>(group.size());
        byShape.forEach((shape, writes) -> {
            mix.add(shape);
            mix.add(writes.size());
            ordered.addAll(writes);
        });
        String sql = statementFor(mix);
        int[] rows = new int[ordered.size()];
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, lockKeys(ordered));
            int next = 2;
            for (Pending pending : ordered) {
                next = pending.write().parameters().bind(statement, next);
            }
            statement.execute();
            // The first result is the lock query's row; then one count per write.
            for (int i = 0; i < rows.length; i++) {
                statement.getMoreResults();
                rows[i] = statement.getUpdateCount();
            }
        } catch (SQLException e) {
            if (StoreFailures.isUnavailable(e)) {
                throw e;
            }
            // PostgreSQL rolled the whole implicit transaction back.
            return false;
        }
        for (int i = 0; i < rows.length; i++) {
            ordered.get(i).rows().complete(rows[i]);
        }
        return true;
    }

    /** The statement text for a mix of shapes and counts; cached while the cache is small. */
    private String statementFor(List<Object> mix) {
        String cached = statements.get(mix);
        if (cached != null) {
            return cached;
        }
        StringBuilder sql = new StringBuilder(LOCK_ALL);
        for (int i = 0; i < mix.size(); i += 2) {
            String shape = (String) mix.get(i);
            for (int n = (Integer) mix.get(i + 1); n > 0; n--) {
                sql.append(";\n").append(shape);
            }
        }
        String built = sql.toString();
        if (statements.size() < MAX_CACHED_STATEMENTS) {
            statements.put(List.copyOf(mix), built);
        }
        return built;
    }

    private static long[] lockKeys(List<Pending> group) {
        return group.stream().flatMapToLong(pending -> Arrays.stream(pending.write().locks()))
                .sorted().distinct().toArray();
    }

    private static void runAlone(Connection connection, Pending pending) {
        Write write = pending.write();
        try {
            pending.rows().complete(LockedWrite.execute(connection, write.alone(), write.locks(), write.parameters()));
        } catch (SQLException | RuntimeException e) {
            pending.rows().completeExceptionally(e);
        }
    }

    private static void failAll(BlockingQueue<Pending> queue) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.rows().completeExceptionally(closedFailure()));
    }

    private static SQLException closedFailure() {
        return new SQLTransientConnectionException("the PostgreSQL store is closed", "08003");
    }
}
