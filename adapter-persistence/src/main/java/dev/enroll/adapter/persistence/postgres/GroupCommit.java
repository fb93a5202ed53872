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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

/**
 * Locked writes that arrive together share one transaction and one commit. A commit costs
 * PostgreSQL a WAL flush and a round trip; under load most of a one-row insert's cost is that,
 * not the row. So a few writer threads each take every write waiting in the queue (up to
 * {@link #MAX_GROUP}) and run them on one connection: one statement takes all their advisory
 * locks, in ascending order as every writer does; each write's statement runs, batched with the
 * others of its shape; then one commit. Nobody waits for a group to fill: a write that arrives
 * alone goes alone, in one round trip, as {@link LockedWrite} runs it.
 *
 * <p>The caller blocks until its write has committed, so an answer still means "it is stored".
 * A write that finds its identity taken writes no row (count 0) and does not disturb the others.
 * If the group's transaction fails (a unique violation, a deadlock), it is rolled back and each of
 * its writes runs again alone, so each caller sees exactly the outcome it would have seen
 * without grouping.
 *
 * <p>Writes in one group see each other as if they ran one after the other: each statement takes
 * a new snapshot under READ COMMITTED, and sees what the statements before it in the
 * transaction wrote.
 */
final class GroupCommit implements AutoCloseable {

    /** Enough to take everything that queues up under a heavy load, few enough to keep the transaction short. */
    static final int MAX_GROUP = 64;

    // unnest yields the array's elements in order, and the volatile lock function runs once per row, as it comes.
    // One array parameter, so one statement serves every group size. A write alone keeps LockedWrite's
    // select list of plain parameters: with this array form instead, the store benchmark's single
    // writer fell from 69-70% of plain JDBC to 61-67% (three alternating runs each).
    private static final String LOCK_ALL = "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k";

    /**
     * A write as it runs alone ({@code alone}: the lock statement, then the write) and in a group
     * ({@code grouped}: the write only, its parameters from 1 on).
     */
    record Write(long[] locks, String alone, String grouped, LockedWrite.Parameters parameters) {
    }

    private record Pending(Write write, CompletableFuture<Integer> rows) {
    }

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers;
    private volatile boolean closed;

    /** Starts {@code writers} writer threads, each holding a pooled connection only while it runs a group. */
    GroupCommit(DataSource dataSource, int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.dataSource = dataSource;
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
        Pending pending = new Pending(write, new CompletableFuture<>());
        if (closed) {
            throw closedFailure();
        }
        queue.add(pending);
        // Closed meanwhile: nobody may be left to take it. If it is still queued, it is ours to fail.
        if (closed && queue.remove(pending)) {
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

    /** Writes queued for a writer, not yet taken: what the next group will hold. */
    int waiting() {
        return queue.size();
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
            } catch (InterruptedException e) {
                // close() wakes a writer waiting on an empty queue this way; the loop condition decides.
                continue;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            try {
                run(group);
            } catch (Throwable unexpected) {
                // Whatever went wrong, no caller may be left waiting for an answer.
                group.forEach(pending -> pending.rows().completeExceptionally(unexpected));
            }
            group.clear();
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

    /** One transaction for the group; false, with everything rolled back, when it failed. */
    private boolean runTogether(Connection connection, List<Pending> group) throws SQLException {
        connection.setAutoCommit(false);
        boolean committed = false;
        try {
            lockAll(connection, group);
            Map<String, List<Pending>> byStatement = new LinkedHashMap<>();
            for (Pending pending : group) {
                byStatement.computeIfAbsent(pending.write().grouped(), unused -> new ArrayList<>()).add(pending);
            }
            List<Pending> written = new ArrayList<>(group.size());
            int[] rows = new int[group.size()];
            for (Map.Entry<String, List<Pending>> shape : byStatement.entrySet()) {
                try (PreparedStatement statement = connection.prepareStatement(shape.getKey())) {
                    for (Pending pending : shape.getValue()) {
                        pending.write().parameters().bind(statement, 1);
                        statement.addBatch();
                    }
                    int[] counts = statement.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        rows[written.size()] = counts[i];
                        written.add(shape.getValue().get(i));
                    }
                }
            }
            connection.commit();
            committed = true;
            for (int i = 0; i < written.size(); i++) {
                written.get(i).rows().complete(rows[i]);
            }
            return true;
        } catch (SQLException e) {
            if (StoreFailures.isUnavailable(e)) {
                throw e;
            }
            return false;
        } finally {
            // Whatever failed, nothing of the group may stay: turning auto-commit back on would commit it.
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        }
    }

    private static void lockAll(Connection connection, List<Pending> group) throws SQLException {
        long[] keys = group.stream().flatMapToLong(pending -> Arrays.stream(pending.write().locks()))
                .sorted().distinct().toArray();
        try (PreparedStatement statement = connection.prepareStatement(LOCK_ALL)) {
            statement.setObject(1, keys);
            statement.execute();
        }
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
