package dev.enroll.bootstrap.wiring;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The queue between the threads that log and the one that writes to stderr. A line that finds
 * it full is dropped, not waited for: a request never waits on a log pipe nobody reads. What is
 * dropped is counted, for {@code /metrics} ({@code enroll_log_lines_dropped_total}), so a gap in
 * the log shows as a number rather than going unseen.
 */
final class LogQueue extends AsyncAppender {

    static final String NAME = "ASYNC";

    private final LongAdder dropped = new LongAdder();

    LogQueue(int size) {
        setName(NAME);
        setQueueSize(size);
        setDiscardingThreshold(0); // every level is kept while there is room
        setNeverBlock(true);
    }

    /** The queue this process logs through, unless an operator's own Logback file replaced it. */
    static Optional<LogQueue> of(LoggerContext context) {
        return context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(NAME) instanceof LogQueue queue
                ? Optional.of(queue) : Optional.empty();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Decided here because the queue's own offer does not say when it fails. Two lines racing
        // for the last place may go uncounted, never counted wrongly as dropped while kept.
        if (getRemainingCapacity() == 0) {
            dropped.increment();
            return;
        }
        super.append(event);
    }

    /** Lines dropped since the start. */
    long dropped() {
        return dropped.sum();
    }
}
