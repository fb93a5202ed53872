package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top of the command line: global options, and a list of what can be done. */
@Command(name = "enroll", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Enroll: partners onboard their policy holders over a REST API.",
        footer = {"", "Configuration comes from environment variables (see README.md), or a properties file with "
                + "the same keys given by --config; the environment wins."})
final class EnrollCommand implements Runnable {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Properties file with the same keys as the environment variables.")
    private Path configFile;

    EnrollCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: serve, migrate, partner or import");
    }

    CliContext context() {
        return context;
    }

    Config config() {
        return context.config(configFile);
    }
}
