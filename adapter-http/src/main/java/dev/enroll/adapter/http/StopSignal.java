package dev.enroll.adapter.http;

/**
 * Whether the server has begun to stop: from then on readiness is 503, so that new traffic goes
 * elsewhere, and an import ends after the rows it has read, so that the stop need not wait out
 * the grace for a client that would send rows for minutes more.
 */
final class StopSignal {

    private volatile boolean begun;

    void begin() {
        begun = true;
    }

    boolean begun() {
        return begun;
    }
}
