package dev.enroll.adapter.http;

import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's threads: enough for every request slot ({@link Admission}), every request allowed to
 * wait for one, and {@value #HEADROOM} more for health probes and clients still sending their
 * bodies, which hold a thread but no slot. How many requests are worked on at once is decided by
 * {@link Admission}, not here. Jetty's own queue of jobs waiting for a thread is bounded too;
 * past it Jetty closes the connection, a last resort that the admission limit normally keeps
 * from being reached.
 */
final class RequestThreads {

    /**
     * Threads Jetty keeps for itself, which never run a request: the connector's acceptors (one
     * up to 15 cores) and its selectors (at most half the cores, at least one).
     */
    static int jettyOwn() {
        int cores = Runtime.getRuntime().availableProcessors();
        int acceptors = Math.max(1, Math.min(4, cores / 8));
        int selectors = Math.max(1, cores / 2);
        return acceptors + selectors;
    }

    private RequestThreads() {
    }

    /** Threads for health probes and slow senders, beyond the slots and the waiting requests. */
    static final int HEADROOM = 64;
    static final int MAX_QUEUED_JOBS = 1024;
    private static final int IDLE_THREAD_MILLIS = 60_000;

    static QueuedThreadPool pool(int requestThreads, int maxWaitingRequests) {
        int threads = requestThreads + maxWaitingRequests + HEADROOM + jettyOwn();
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, requestThreads + jettyOwn()),
                IDLE_THREAD_MILLIS, new BlockingArrayQueue<>(64, 64, MAX_QUEUED_JOBS));
        pool.setName("http");
        // Reserved threads would be taken from the same budget and stand idle; none, so the count is exact.
        pool.setReservedThreads(0);
        return pool;
    }
}
