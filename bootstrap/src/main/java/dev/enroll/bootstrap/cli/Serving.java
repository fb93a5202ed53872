package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.wiring.Logging;
import dev.enroll.bootstrap.wiring.RunningService;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code serve} does once the service is up. An operator's process serves until it is
 * stopped; the build's start-up rehearsal, which goes through the same command line so that its
 * classes land in the AppCDS archive, checks readiness and stops at once.
 */
@FunctionalInterface
public interface Serving {

    /** Serves until SIGTERM or Ctrl-C, then stops in order. */
    Serving UNTIL_STOPPED = Serving::untilStopped;

    /** Called with the started service; owns it from then on. */
    void serve(RunningService service) throws Exception;

    private static void untilStopped(RunningService service) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            Logging.flush();
            // A JVM stopped by SIGTERM exits with 143 even after an orderly shutdown;
            // the stop was asked for and went well, so say so.
            Runtime.getRuntime().halt(0);
        }, "enroll-shutdown"));
        new CountDownLatch(1).await();
    }
}
