package dev.enroll.bootstrap.wiring;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Logging is asynchronous (see LogConfigurator); this writes out what it still holds. */
public final class Logging {

    private Logging() {
    }

    /** Call last, just before the JVM exits: nothing is logged after it. */
    public static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
