package dev.enroll.bootstrap.wiring;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start has opened so far, to be closed in the reverse order: the API before the
 * management server, both before the stores behind them, the meters last. So the order of a stop
 * is decided once, by the order of the start, and a start that fails halfway closes exactly what
 * it opened. Every part is closed even when another fails to close; a failure is logged by the
 * part's name and the exception's class (messages may quote configuration), and the rest go on.
 */
final class StartedParts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);

    private record Part(String name, Runnable close) {
    }

    private final Deque<Part> parts = new ConcurrentLinkedDeque<>();

    /** {@code name} is open, and {@code close} closes it. */
    void opened(String name, Runnable close) {
        parts.push(new Part(name, close));
    }

    /** Closes every part, the last opened first, each once. Safe to call more than once, and at once. */
    @Override
    public void close() {
        for (Part part = parts.poll(); part != null; part = parts.poll()) {
            try {
                part.close().run();
            } catch (Exception e) { // a checked one too: Javalin (Kotlin) may throw those undeclared
                LOG.warn("Closing the {} failed: {}", part.name(), e.getClass().getSimpleName());
            }
        }
    }
}
