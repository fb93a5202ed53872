package dev.enroll.benchmark;

import java.io.PrintStream;

/**
 * Gives every measured step the same database to start from: fresh planner statistics and a
 * checkpoint just before it. Without
 * one, a step inherits the dirty pages of the step before (the raw insert's, for the creates
 * measured right after it) and has to write them out on its own time, and a checkpoint that
 * PostgreSQL starts by itself (after about half of {@code max_wal_size} of WAL, or every
 * {@code checkpoint_timeout}) lands on whichever steps happen to be running, a different pair in
 * every run. One step is too short to set one off.
 */
final class CleanStart {

    private final ThrowawayDatabase database;
    private final PrintStream progress;
    private boolean enabled;

    /** {@code enabled} false (--checkpoints off) leaves the steps as they come, for comparison. */
    CleanStart(ThrowawayDatabase database, boolean enabled, PrintStream progress) {
        this.database = database;
        this.enabled = enabled;
        this.progress = progress;
    }

    /**
     * Statistics as autovacuum would keep them ({@link ThrowawayDatabase#analyze}), then the
     * checkpoint; the checkpoint is skipped when switched off, or for a database user who may not
     * checkpoint, after saying so once.
     */
    void beforeStep() throws Exception {
        database.analyze();
        if (enabled && !database.checkpoint()) {
            enabled = false;
            progress.println("[bench] this database user may not run CHECKPOINT (superuser or pg_checkpoint):"
                    + " each step starts with whatever the steps before it left unwritten");
        }
    }
}
