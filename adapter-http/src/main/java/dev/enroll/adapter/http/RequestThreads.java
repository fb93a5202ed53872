package dev.enroll.adapter.http;

import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's threads, sized so that exactly the configured number of requests is worked on at once.
 * Each request holds at most one database connection at a time, so with as many request threads
 * as connections no request waits inside the pool. With more (Jetty's default is 250), every
 * returned connection set off a hand-off spin among the waiters, a large share of the server's
 * CPU under load on a small machine. Requests beyond the limit
 * wait in Jetty's queue, where waiting is cheap.
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

    static QueuedThreadPool pool(int requestThreads) {
        int threads = requestThreads + jettyOwn();
        QueuedThreadPool pool = new QueuedThreadPool(threads, threads);
        pool.setName("http");
        // Reserved threads would be taken from the same budget and stand idle; none, so the count is exact.
        pool.setReservedThreads(0);
        return pool;
    }
}
