package dev.enroll.application.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs one action on many threads released at the same instant, to make requests truly
 * overlap. A barrier, not sleeps, lines them up; timeouts turn a deadlock into a failure.
 */
public final class Race {

    private static final long TIMEOUT_SECONDS = 60;

    private Race() {
    }

    /**
     * The results of {@code action(0)} to {@code action(threads - 1)}, in that order, each run
     * on its own thread, all started together. An exception thrown by an action fails the race:
     * actions expected to be refused should catch their exception and return it.
     */
    public static <T> List<T> run(int threads, IntFunction<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return action.apply(index);
                }));
            }
            List<T> results = new ArrayList<>(threads);
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the race", e);
        } catch (Exception e) {
            throw new AssertionError("a racing thread failed or hung", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
