package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.config.Config;
import dev.enroll.bootstrap.wiring.Logging;
import dev.enroll.bootstrap.wiring.RunningService;
import dev.enroll.bootstrap.wiring.Wiring;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** Starts the HTTP server and serves until told to stop (SIGTERM or Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the HTTP server.",
                "With the PostgreSQL store, creates the database if it is missing and applies migrations first.",
                "With ENROLL_STORE=memory, prints a demo partner's credentials: nothing is kept."})
final class ServeCommand implements Callable<Integer> {

    private final EnrollCommand root;

    ServeCommand(EnrollCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() throws InterruptedException {
        Config config = root.config();
        RunningService service = Wiring.serve(config, root.context().out());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            Logging.flush();
            // A JVM stopped by SIGTERM exits with 143 even after an orderly shutdown;
            // the stop was asked for and went well, so say so.
            Runtime.getRuntime().halt(0);
        }, "enroll-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }
}
