package dev.enroll.bootstrap.cli;

import dev.enroll.application.port.in.IssuedCredentials;
import dev.enroll.application.port.in.ManagePartnersUseCase;
import dev.enroll.bootstrap.wiring.JsonText;
import dev.enroll.bootstrap.wiring.PartnerAdministration;
import dev.enroll.bootstrap.wiring.Wiring;
import dev.enroll.domain.partner.Partner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Partner credentials: create, list, rotate a secret, disable, enable. Secrets are printed only when issued. */
@Command(name = "partner", mixinStandardHelpOptions = true,
        description = "Manage partners and their API credentials (PostgreSQL store).")
final class PartnerCommand implements Runnable {

    private final EnrollCommand root;

    @Spec
    private CommandSpec spec;

    PartnerCommand(EnrollCommand root) {
        this.root = root;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: create, list, rotate-secret, disable or enable");
    }

    /** Runs {@code action} against the configured partner store, closing it afterwards. */
    <T> T withPartners(Function<ManagePartnersUseCase, T> action) {
        try (PartnerAdministration administration = Wiring.partnerAdministration(root.config())) {
            return action.apply(administration.partners());
        }
    }

    PrintWriter out() {
        return root.context().out();
    }

    static void printCredentials(PrintWriter out, IssuedCredentials issued) {
        out.println(JsonText.credentials(issued));
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a partner and print its credentials as one JSON object:",
                    "{\"partnerId\", \"clientId\", \"clientSecret\"}. The secret is shown only now; "
                            + "only its hash is kept."})
    static final class Create implements Callable<Integer> {
        private final PartnerCommand partner;

        @Option(names = "--partner-id", required = true, paramLabel = "ID",
                description = "The partner's id (letters, digits, '.', '_', '-'; at most 64).")
        private String partnerId;

        @Option(names = "--name", paramLabel = "LABEL", description = "A human-readable name (default: the id).")
        private String name;

        Create(PartnerCommand partner) {
            this.partner = partner;
        }

        @Override
        public Integer call() {
            IssuedCredentials issued = partner.withPartners(partners -> partners.create(partnerId, name));
            printCredentials(partner.out(), issued);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List partners: id, client id, whether enabled, when created, name. Never secrets.")
    static final class ListPartners implements Callable<Integer> {
        private final PartnerCommand partner;

        ListPartners(PartnerCommand partner) {
            this.partner = partner;
        }

        @Override
        public Integer call() {
            List<Partner> partners = partner.withPartners(ManagePartnersUseCase::list);
            PrintWriter out = partner.out();
            out.printf("%-24s %-28s %-8s %-24s %s%n", "PARTNER ID", "CLIENT ID", "ENABLED", "CREATED", "NAME");
            for (Partner p : partners) {
                out.printf("%-24s %-28s %-8s %-24s %s%n", p.id().value(), p.clientId().value(),
                        p.enabled() ? "yes" : "no", p.created(), p.name());
            }
            return 0;
        }
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = {"Issue a new client secret and print the credentials as one JSON object.",
                    "The old secret, and every token issued with it, stop working on every running server"
                            + " within a second."})
    static final class RotateSecret implements Callable<Integer> {
        private final PartnerCommand partner;

        @Option(names = "--partner-id", required = true, paramLabel = "ID", description = "The partner's id.")
        private String partnerId;

        RotateSecret(PartnerCommand partner) {
            this.partner = partner;
        }

        @Override
        public Integer call() {
            printCredentials(partner.out(), partner.withPartners(partners -> partners.rotateSecret(partnerId)));
            return 0;
        }
    }

    /** Sets whether a partner may call; nothing else about it changes. */
    abstract static class Switch implements Callable<Integer> {
        private final PartnerCommand partner;
        private final boolean enable;

        @Option(names = "--partner-id", required = true, paramLabel = "ID", description = "The partner's id.")
        private String partnerId;

        Switch(PartnerCommand partner, boolean enable) {
            this.partner = partner;
            this.enable = enable;
        }

        @Override
        public Integer call() {
            Partner changed = partner.withPartners(partners -> enable ? partners.enable(partnerId)
                    : partners.disable(partnerId));
            partner.out().println("Partner " + changed.id().value() + (enable ? " is enabled" : " is disabled"));
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a partner: its secret and tokens stop working on every running server within a second.")
    static final class Disable extends Switch {
        Disable(PartnerCommand partner) {
            super(partner, false);
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = {"Enable a disabled partner: its current secret works again, and so do its tokens",
                    "that have not expired (rotate the secret to revoke those)."})
    static final class Enable extends Switch {
        Enable(PartnerCommand partner) {
            super(partner, true);
        }
    }
}
