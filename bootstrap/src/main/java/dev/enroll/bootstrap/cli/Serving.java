package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.wiring.Logging;
import dev.enroll.bootstrap.wiring.RunningService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What {@code serve} does with the service it starts. An operator's process serves until it is
 * stopped; the build's start-up rehearsal, which goes through the same command line so that its
 * classes land in the AppCDS archive, checks readiness and stops at once.
 */
@FunctionalInterface
public interface Serving {

    /** Serves until SIGTERM or Ctrl-C, then stops in order, even when the signal comes during the start. */
    Serving UNTIL_STOPPED = Serving::untilStopped;

    /** How long a stop asked for during the start waits for the start to end, so as to stop what it started. */
    Duration START_DEADLINE = Duration.ofSeconds(60);

    /** How long a stop that found the start failed waits for the failure to be reported and the exit. */
    Duration REPORT_DEADLINE = Duration.ofSeconds(10);

    /** Starts the service ({@code start} throws when it cannot) and owns it from then on. */
    void serve(Supplier<RunningService> start) throws Exception;

    private static void untilStopped(Supplier<RunningService> start) throws InterruptedException {
        CompletableFuture<RunningService> started = new CompletableFuture<>();
        Thread starting = Thread.currentThread();
        // Registered before the start: the API answers as soon as it listens, so a supervisor may
        // stop the process before the start has returned.
        Thread stop = new Thread(() -> stopInOrder(started, starting), "enroll-shutdown");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            started.complete(start.get());
        } catch (Throwable e) {
            // Whatever the start throws (an Error, or a checked exception a library throws undeclared):
            // a start left incomplete would hold the hook for its whole deadline.
            started.completeExceptionally(e);
            try {
                // The start failed: nothing to stop, and the process exits with the failure's status.
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException alreadyStopping) {
                // The hook is running; it sees the failed start and stops nothing.
            }
            throw e;
        }
        new CountDownLatch(1).await();
    }

    private static void stopInOrder(CompletableFuture<RunningService> started, Thread starting) {
        RunningService service;
        try {
            service = started.get(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // The start failed meanwhile: nothing to stop. Its thread says why and exits with the
            // failure's status (Main); left to itself, the JVM would end first, with the signal's.
            joinQuietly(starting, REPORT_DEADLINE);
            return;
        } catch (TimeoutException e) {
            return; // Not started in time: the JVM exits as the signal says.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        service.close();
        Logging.flush();
        // A JVM stopped by SIGTERM exits with 143 even after an orderly shutdown;
        // the stop was asked for and went well, so say so.
        Runtime.getRuntime().halt(0);
    }

    private static void joinQuietly(Thread thread, Duration deadline) {
        try {
            thread.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
