package dev.enroll.bootstrap;

import dev.enroll.bootstrap.cli.Cli;
import dev.enroll.bootstrap.cli.CliContext;
import dev.enroll.bootstrap.wiring.Logging;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The entry point of enroll.jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Logging's set-up and the command line's model (picocli reflects on every command) need
        // nothing from each other, and each is a tenth of a start: on two cores, build them at once.
        Thread logging = Logging.startInBackground();
        CliContext context = new CliContext(System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        CommandLine commandLine = Cli.commandLine(context);
        Logging.awaitStarted(logging);
        int exitCode = commandLine.execute(args);
        Logging.flush();
        System.exit(exitCode);
    }
}
