package dev.enroll.bootstrap;

import dev.enroll.bootstrap.cli.Cli;
import dev.enroll.bootstrap.cli.CliContext;
import dev.enroll.bootstrap.wiring.Logging;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The entry point of enroll.jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CliContext context = new CliContext(System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        int exitCode = Cli.commandLine(context).execute(args);
        Logging.flush();
        exit(exitCode);
    }

    /**
     * Exits with {@code code}. When a SIGTERM's shutdown is already under way (it came while a
     * start that then failed was still running), {@code System.exit} would block for good and the
     * process end with the signal's 143; the shutdown hook waits for this halt instead (Serving).
     */
    private static void exit(int code) {
        try {
            Runtime.getRuntime().removeShutdownHook(new Thread());
        } catch (IllegalStateException shuttingDown) {
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }
}
