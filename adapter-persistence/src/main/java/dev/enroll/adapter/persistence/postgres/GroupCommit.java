package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.user.ContributorId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locked writes (user creates and updates) that arrive together share a transaction and its commit. A commit costs
 * PostgreSQL a WAL flush and a round trip; under load most of a one-row insert's cost is that,
 * not the row. So a few writer threads each take every write waiting in the queue (up to
 * {@link #MAX_GROUP}) and run them on one connection, each shape of statement as one JDBC batch,
 * which travels in one round trip and which PostgreSQL runs as one implicit transaction, committed
 * at the batch's end:
 * <ol>
 *   <li>a first entry takes the locks of all the batch's writes, in the order every writer takes
 *       them (V8's {@code lock_user_writes}: the contributors' change locks, then the identity
 *       locks, ascending), and writes nothing;</li>
 *   <li>then each write's own entry, which takes no locks.</li>
 * </ol>
 * Each entry is a statement of its own and, under READ COMMITTED, takes its snapshot when it
 * starts: after the first entry's locks were granted, so its checks see every row committed by
 * whoever held them before, and every row the entries before it wrote. The batch behaves as if its
 * writes ran one after the other. Nobody waits for a group to fill: a write that arrives alone goes
 * alone, in one round trip: its lock statement and its write sent together ({@link #alone}).
 *
 * <p>The caller blocks until its write has committed, so an answer still means "it is stored".
 * A write that finds its identity taken writes no row (count 0) and does not disturb the others.
 * If a batch's transaction fails (a unique violation, a deadlock), PostgreSQL rolls all of it back
 * and each of its writes runs again alone, so each caller sees exactly the outcome it would have
 * seen without grouping.
 *
 * <p>The connection must be in auto-commit mode and use the extended query protocol (pgjdbc's
 * defaults, which the store checks when it opens): that is what makes the batch one implicit
 * transaction. pgjdbc ends a batch early, which would commit part of it, only when it expects
 * more than 64 kB of answers, at the 256th entry; a batch here has at most {@code MAX_GROUP + 1}.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** Enough to take everything that queues up under a heavy load, few enough to keep the transaction short. */
    static final int MAX_GROUP = 64;

    /** What a batch entry that takes no locks binds as its contributors and keys. */
    private static final String[] NO_CONTRIBUTORS = {};
    private static final long[] NO_LOCKS = {};

    /** Binds a write's own parameters, from the given index on. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement, int first) throws SQLException;
    }

    /**
     * A write and the statements it runs as, built once per shape and reused as the very strings,
     * so each connection prepares them once.
     *
     * @param write     an {@code INSERT … SELECT <values>} or an {@code UPDATE … SET …}, without FROM or WHERE
     * @param row       for an update, the key of the row it writes ({@code contributor_id = ? AND id = ?}),
     *                  so the row is found by the primary key; empty for an insert
     * @param condition whether to write, after the locks are held
     */
    record Statements(String alone, String grouped) {

        static Statements of(String write, String row, String condition) {
            String where = row.isEmpty() ? "" : row + " AND ";
            // Both start with the contributors and the keys to lock (the first two parameters);
            // the write's own parameters follow. Alone: the lock statement, then the write.
            String alone = "SELECT " + IdentityLocks.TAKE + ";\n" + write + "\nWHERE " + where + condition;
            // In a group: an entry given locks takes them and writes nothing; an entry given none
            // writes if the condition holds. One statement for both, because a JDBC batch runs one
            // statement; CASE, because it is evaluated after the locks' row is read, whatever the
            // planner does with the condition's subqueries. The row's key stays outside the CASE:
            // inside it, no index serves it, and every update would read the whole table.
            String grouped = "WITH locks AS (SELECT " + IdentityLocks.TAKE + " AS taken)\n" + write
                    + "\nFROM locks WHERE " + where + "CASE WHEN locks.taken > 0 THEN false ELSE (" + condition + ") END";
            return new Statements(alone, grouped);
        }
    }

    /** A write: whose user it writes (its change lock), the keys it locks (sorted), its statements and its own parameters. */
    record Write(ContributorId contributor, long[] locks, Statements statements, Parameters parameters) {
    }

    private record Pending(Write write, CompletableFuture<Integer> rows) {
    }

    private final DataSource dataSource;
    private final Duration deadline;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers;
    private volatile boolean closed;
    private volatile IntConsumer committedGroups = size -> { };

    /**
     * Starts {@code writers} writer threads, each holding a pooled connection only while it runs a
     * group. A caller waits at most {@code deadline} for its write (see {@link #execute}).
     */
    GroupCommit(DataSource dataSource, int writers, Duration deadline) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1");
        }
        this.dataSource = dataSource;
        this.deadline = deadline;
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

    /**
     * Runs {@code write}, alone or in a group, and returns the rows it wrote once they are
     * committed. Past the deadline it fails as "unavailable": a write no writer took yet is
     * withdrawn and never runs; one a writer holds may still commit, within the connection's
     * statement and socket timeouts, so the caller cannot know (docs/persistence.md, "Deadlines").
     */
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
            return pending.rows().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (queue.remove(pending)) {
                throw new SQLTransientConnectionException("no writer was free in time; the write was not performed",
                        "08001", e);
            }
            throw new SQLTransientConnectionException("the write did not commit in time; it may still commit",
                    "08006", e);
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

    /** How long a caller waits for its write to commit. */
    Duration deadline() {
        return deadline;
    }

    /**
     * Has {@code sizes} hear, for every transaction of writes that commits, how many writes it held
     * (1 for a write that went alone; a failed group that ran again alone is that many 1s). It is
     * called on the writer thread before the callers are answered, so an answer's group is counted
     * by then; it must be quick.
     */
    void reportCommittedGroupSizesTo(IntConsumer sizes) {
        this.committedGroups = sizes;
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
                // A writer stuck on a dead connection is freed by the socket timeout; never wait longer.
                writer.join(deadline.toMillis());
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
            Map<String, List<Pending>> byStatement = new LinkedHashMap<>();
            for (Pending pending : group) {
                byStatement.computeIfAbsent(pending.write().statements().grouped(), unused -> new ArrayList<>()).add(pending);
            }
            for (Map.Entry<String, List<Pending>> shape : byStatement.entrySet()) {
                List<Pending> writes = shape.getValue();
                if (writes.size() == 1 || !runTogether(connection, shape.getKey(), writes)) {
                    for (Pending pending : writes) {
                        runAlone(connection, pending);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // No connection (or it broke): every write still waiting hears why.
            group.forEach(pending -> pending.rows().completeExceptionally(e));
        }
    }

    /** One batch, one transaction for writes of one statement; false when it failed, and so wrote nothing. */
    private boolean runTogether(Connection connection, String sql, List<Pending> writes) throws SQLException {
        String[] contributors = writes.stream().map(pending -> pending.write().contributor().value()).distinct()
                .toArray(String[]::new);
        long[] keys = writes.stream().flatMapToLong(pending -> Arrays.stream(pending.write().locks()))
                .sorted().distinct().toArray();
        int[] counts;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            // The locking entry binds some write's parameters too: it needs values, and uses none.
            writes.get(0).write().parameters().bind(statement, IdentityLocks.bind(statement, 1, contributors, keys));
            statement.addBatch();
            for (Pending pending : writes) {
                pending.write().parameters().bind(statement,
                        IdentityLocks.bind(statement, 1, NO_CONTRIBUTORS, NO_LOCKS));
                statement.addBatch();
            }
            counts = statement.executeBatch();
        } catch (SQLException e) {
            if (StoreFailures.isUnavailable(e)) {
                throw e;
            }
            return false;
        }
        committed(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            writes.get(i).rows().complete(counts[i + 1]);
        }
        return true;
    }

    private void runAlone(Connection connection, Pending pending) {
        Write write = pending.write();
        try (PreparedStatement statement = connection.prepareStatement(write.statements().alone())) {
            write.parameters().bind(statement,
                    IdentityLocks.bind(statement, 1, write.contributor(), write.locks()));
            statement.execute();
            // The first result is the lock query's row; the next is the write's count.
            statement.getMoreResults();
            int rows = statement.getUpdateCount();
            committed(1);
            pending.rows().complete(rows);
        } catch (SQLException | RuntimeException e) {
            pending.rows().completeExceptionally(e);
        }
    }

    /** Reports a committed group; whatever the listener does, the writes stay committed and are answered so. */
    private void committed(int size) {
        try {
            committedGroups.accept(size);
        } catch (RuntimeException e) {
            LOG.warn("The listener for committed group sizes failed", e);
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
