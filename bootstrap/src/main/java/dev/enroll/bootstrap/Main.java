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
        System.exit(exitCode);
    }
}
