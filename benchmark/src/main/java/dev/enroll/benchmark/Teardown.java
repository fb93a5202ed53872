package dev.enroll.benchmark;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must be undone however the run ends, last made first undone: stop the server, then drop
 * its database. Runs once, from the normal end or from the JVM's shutdown hook on Ctrl-C, so an
 * interrupted run leaves neither a process nor a database behind.
 */
final class Teardown {

    /** One thing to undo, named for the message should undoing it fail. */
    interface Step {
        void undo() throws Exception;
    }

    private final Deque<Runnable> steps = new ArrayDeque<>();
    private final Thread hook = new Thread(this::runAll, "benchmark-teardown");
    private boolean done;

    Teardown() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized void add(String what, Step step) {
        steps.push(() -> {
            try {
                step.undo();
            } catch (Exception e) {
                System.err.println("[bench] could not " + what + ": " + e.getMessage());
            }
        });
    }

    /** Undoes everything now, on the caller's thread; later calls and the hook do nothing. */
    void run() {
        runAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private synchronized void runAll() {
        if (done) {
            return;
        }
        done = true;
        while (!steps.isEmpty()) {
            steps.pop().run();
        }
    }
}
