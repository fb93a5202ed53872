package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.wiring.Wiring;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Applies the database migrations and exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Create the database if it is missing, apply the migrations, and exit."})
final class MigrateCommand implements Callable<Integer> {

    private final EnrollCommand root;

    MigrateCommand(EnrollCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        int applied = Wiring.migrate(root.config());
        root.context().out().println("Applied " + applied + (applied == 1 ? " migration" : " migrations")
                + "; the database schema is up to date");
        return 0;
    }
}
