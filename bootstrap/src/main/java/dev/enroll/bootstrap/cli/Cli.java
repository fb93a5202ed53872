package dev.enroll.bootstrap.cli;

import dev.enroll.adapter.http.CannotListenException;
import dev.enroll.adapter.http.client.ImportClientException;
import dev.enroll.adapter.persistence.postgres.MigrationBlockedException;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.PartnerAlreadyExistsException;
import dev.enroll.application.port.in.PartnerNotFoundException;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.bootstrap.config.ConfigException;
import java.io.IOException;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Builds the command tree and turns failures into one line on stderr and an exit code. */
public final class Cli {

    /** Wrong usage or configuration. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    /** The command was understood but could not be done. */
    public static final int FAILED = 1;

    private Cli() {
    }

    public static CommandLine commandLine(CliContext context) {
        EnrollCommand root = new EnrollCommand(context);
        PartnerCommand partner = new PartnerCommand(root);
        CommandLine partners = new CommandLine(partner)
                .addSubcommand(new PartnerCommand.Create(partner))
                .addSubcommand(new PartnerCommand.ListPartners(partner))
                .addSubcommand(new PartnerCommand.RotateSecret(partner))
                .addSubcommand(new PartnerCommand.Disable(partner))
                .addSubcommand(new PartnerCommand.Enable(partner));
        return new CommandLine(root)
                .addSubcommand(new ServeCommand(root))
                .addSubcommand(new MigrateCommand(root))
                .addSubcommand(partners)
                .addSubcommand(new ImportCommand(root))
                .setOut(context.out())
                .setErr(context.err())
                .setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
                    context.err().println("enroll: " + describe(exception));
                    context.err().flush();
                    return exception instanceof ConfigException ? USAGE : FAILED;
                });
    }

    /** One line an operator can act on; no stack trace for expected failures. */
    private static String describe(Exception exception) {
        if (exception instanceof InvalidInputException invalid) {
            return invalid.violations().stream().map(v -> v.field() + " " + v.reason())
                    .collect(Collectors.joining("; "));
        }
        if (exception instanceof StoreUnavailableException) {
            return "cannot reach the database (" + exception.getMessage() + "); check ENROLL_DB_URL, "
                    + "ENROLL_DB_USER and ENROLL_DB_PASSWORD";
        }
        if (exception instanceof ImportClientException || exception instanceof IOException) {
            return "the import failed: " + exception.getMessage();
        }
        if (exception instanceof ConfigException || exception instanceof PartnerAlreadyExistsException
                || exception instanceof PartnerNotFoundException || exception instanceof CannotListenException
                || exception instanceof MigrationBlockedException) {
            return exception.getMessage();
        }
        return "unexpected " + exception.getClass().getSimpleName() + ": " + exception.getMessage();
    }

}
