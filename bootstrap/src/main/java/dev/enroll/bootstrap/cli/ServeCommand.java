package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.wiring.Wiring;
import java.util.concurrent.Callable;
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
    public Integer call() throws Exception {
        root.context().serving().serve(() -> Wiring.serve(root.config(), root.context().out()));
        return 0;
    }
}
