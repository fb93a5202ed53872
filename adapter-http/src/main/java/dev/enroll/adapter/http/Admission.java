package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many API requests are worked on at once (the request slots), and how many may wait for
 * one. Each request holds at most one database connection at a time, so with as many slots as
 * connections no request waits inside the pool, where waiting costs CPU (docs/benchmark.md).
 * A request waits for a slot at most {@code maxWait}, and at most {@code maxWaiting} requests
 * wait at once; any other is answered 503 with Retry-After at once, so overload is answered, not
 * queued without bound. The body is received before a slot is taken ({@link JsonBody#receiveBeforeWork}),
 * so slow clients never hold a slot. Health probes take no slot: they never wait behind API traffic.
 *
 * <p>The one exception is a body that streams in while the route works ({@link StreamedBodies}:
 * the import's). It is not received up front (it could not be, in bounded memory) and has no
 * minimum data rate (a client may generate rows as it sends them); a body that stops arriving
 * altogether is still ended by the connection's idle timeout ({@link HttpLimits#idleTimeout()}).
 * An import waits for a slot like any request, then holds it, and one database connection, until
 * its last row is answered. So at most a quarter of the slots (at least one) work on such bodies
 * at once, and another is refused at once with 503: stalled or slow imports, however many, leave
 * the other slots, and their connections, to every other request and to the probes (with fewer
 * than four slots, the one import place is a larger share; with one slot, the only one).
 */
final class Admission {

    private static final String HOLDS_SLOT = "enroll.slot";
    private static final String HOLDS_STREAM = "enroll.stream";

    private final Semaphore slots;
    private final int streamPlaces;
    private final Semaphore streams;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final Duration maxWait;
    private final int minBodyBytesPerSecond;

    Admission(int slots, int maxWaiting, Duration maxWait, int minBodyBytesPerSecond) {
        this.slots = new Semaphore(slots, true);
        this.streamPlaces = Math.max(1, slots / 4);
        this.streams = new Semaphore(streamPlaces);
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
        this.minBodyBytesPerSecond = minBodyBytesPerSecond;
    }

    /** Before the request is worked on: receive its body, then take a slot, or refuse with 503. */
    void enter(Context ctx) {
        if (!StreamedBodies.streams(ctx)) {
            JsonBody.receiveBeforeWork(ctx, minBodyBytesPerSecond);
        } else if (streams.tryAcquire()) {
            ctx.attribute(HOLDS_STREAM, Boolean.TRUE);
        } else {
            throw new OverloadedException("As many imports as this server takes at once are running; retry in a moment");
        }
        if (!slots.tryAcquire()) {
            awaitSlot();
        }
        ctx.attribute(HOLDS_SLOT, Boolean.TRUE);
    }

    /** How many requests may work on streamed bodies (imports) at once: a quarter of the slots, at least one. */
    int streamPlaces() {
        return streamPlaces;
    }

    /** After the answer, whatever it was: give the slot back, if the request took one. */
    void leave(Context ctx) {
        if (ctx.attribute(HOLDS_SLOT) != null) {
            ctx.attribute(HOLDS_SLOT, null);
            slots.release();
        }
        if (ctx.attribute(HOLDS_STREAM) != null) {
            ctx.attribute(HOLDS_STREAM, null);
            streams.release();
        }
    }

    private void awaitSlot() {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new OverloadedException("The server is busy; retry in a moment");
        }
        try {
            if (!slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new OverloadedException("The server is busy; retry in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverloadedException("The server is stopping; retry in a moment");
        } finally {
            waiting.decrementAndGet();
        }
    }
}
