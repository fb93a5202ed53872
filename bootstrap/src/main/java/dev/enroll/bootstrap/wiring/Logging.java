package dev.enroll.bootstrap.wiring;

import ch.qos.logback.classic.LoggerContext;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/** Logging is asynchronous (see LogConfigurator); this starts it, and writes out what it still holds. */
public final class Logging {

    /** Far longer than setting up logging takes; past it, the first logger waits for the set-up itself. */
    private static final Duration START_DEADLINE = Duration.ofSeconds(10);

    private Logging() {
    }

    /**
     * Sets logging up on a thread of its own. Call {@link #awaitStarted} before anything asks for a
     * logger: one asked for during the set-up would be a stand-in, and SLF4J says so on stderr.
     */
    public static Thread startInBackground() {
        Thread thread = new Thread(LoggerFactory::getILoggerFactory, "enroll-logging-setup");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for {@link #startInBackground}'s set-up to end. */
    public static void awaitStarted(Thread setUp) {
        try {
            setUp.join(START_DEADLINE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Call last, just before the JVM exits: nothing is logged after it. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
