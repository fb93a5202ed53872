package dev.enroll.bootstrap.wiring;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The stores of a start, opened on a thread of their own while the start goes on with what does
 * not need them (meters, the management server). Opening waits on the database (the first
 * connection, the migration check, the pool, the listener) and the rest loads classes, so on two
 * cores both take little longer than the longer of them (docs/benchmark.md, "Start-up and memory").
 * Taking waits no longer than the opening itself, whose every step has a deadline of its own.
 */
final class StoreOpening {

    private final FutureTask<Stores> task;

    private StoreOpening(Supplier<Stores> open) {
        this.task = new FutureTask<>(open::get);
    }

    static StoreOpening begin(Supplier<Stores> open) {
        StoreOpening opening = new StoreOpening(open);
        Thread thread = new Thread(opening.task, "enroll-store-open");
        thread.setDaemon(true);
        thread.start();
        return opening;
    }

    /** The opened stores, or what made the opening fail, thrown here as it was thrown there. */
    Stores take() {
        try {
            return waitFor();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** For a start that failed elsewhere: waits for the opening to end and closes what it opened. */
    void abandon() {
        try {
            waitFor().close();
        } catch (ExecutionException | RuntimeException ignored) {
            // The start has failed already, with the failure worth reporting.
        }
    }

    private Stores waitFor() throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    // The opening cannot be cut short safely (a migration may be running); finish it.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
