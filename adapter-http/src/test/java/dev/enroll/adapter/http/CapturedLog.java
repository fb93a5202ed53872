package dev.enroll.adapter.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Catches what one logger writes while a test runs. A line may be written just after the client
 * has its answer, so {@link #await} waits for it (without sleeping) rather than looking once.
 */
final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final Logger logger;
    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();

    private CapturedLog(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Fixes the MDC and message now, on the logging thread, as an asynchronous appender does.
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    /** The first event matching {@code wanted}, waiting up to five seconds for it. */
    ILoggingEvent await(Predicate<ILoggingEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            ILoggingEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching log event on " + logger.getName());
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
