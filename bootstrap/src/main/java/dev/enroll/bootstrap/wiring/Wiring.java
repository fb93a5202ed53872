package dev.enroll.bootstrap.wiring;

import dev.enroll.adapter.http.HttpApi;
import dev.enroll.adapter.http.HttpSettings;
import dev.enroll.adapter.http.HttpUseCases;
import dev.enroll.adapter.http.ManagementServer;
import dev.enroll.adapter.persistence.id.RandomPartnerCodeGenerator;
import dev.enroll.adapter.persistence.id.TimeOrderedUserIdGenerator;
import dev.enroll.adapter.persistence.memory.InMemoryIdempotencyStore;
import dev.enroll.adapter.persistence.memory.InMemoryPartnerRepository;
import dev.enroll.adapter.persistence.memory.InMemorySigningKeyRepository;
import dev.enroll.adapter.persistence.memory.InMemoryUserImport;
import dev.enroll.adapter.persistence.memory.InMemoryUserRepository;
import dev.enroll.application.port.in.IssuedCredentials;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.service.AuthenticatePartnerService;
import dev.enroll.application.service.CreateUserService;
import dev.enroll.application.service.CreateUserWithPolicyService;
import dev.enroll.application.service.DeleteUserService;
import dev.enroll.application.service.GetUserService;
import dev.enroll.application.service.IdempotencyService;
import dev.enroll.application.service.ListUsersService;
import dev.enroll.application.service.ImportUsersService;
import dev.enroll.application.service.ManagePartnersService;
import dev.enroll.application.service.UpdatePolicyService;
import dev.enroll.application.service.UpdateUserService;
import dev.enroll.bootstrap.config.Config;
import dev.enroll.bootstrap.config.ConfigException;
import dev.enroll.bootstrap.config.StoreKind;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parts of the service and how they connect, by hand: stores, services, routes. */
public final class Wiring {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
    private static final String DEMO_PARTNER = "demo";

    private Wiring() {
    }

    /**
     * Opens the stores, starts the management server (metrics, probes) and the HTTP server, and
     * reports where they listen. The management port's readiness probe says not ready until the
     * API listens on its port, then answers as the API's own does, which a stop turns off first.
     */
    public static RunningService serve(Config config, PrintWriter out) {
        Clock clock = Clock.systemUTC();
        Readiness readiness = new Readiness();
        StartedParts started = new StartedParts();
        try {
            ServiceMetrics metrics = new ServiceMetrics();
            started.opened("meters", metrics::close);
            // Up before the store opens, which may take long (creating and migrating the database,
            // an embedded initdb): alive and not ready meanwhile, so a liveness probe lets it finish.
            ManagementServer management = new ManagementServer(metrics.registry(), readiness);
            int managementPort = management.start(config.managementHost(), config.managementPort());
            started.opened("management server", management::stop);
            LOG.info("Metrics and health probes on the management port, {}:{}", config.managementHost(),
                    managementPort);
            Stores stores = openStores(config, metrics);
            started.opened("stores", stores::close);
            if (config.store() == StoreKind.MEMORY) {
                announceDemoPartner(stores, clock, out);
            }
            byte[] serverSecret = serverSecret(stores);
            HttpApi http = new HttpApi(useCases(config, stores, clock, serverSecret),
                    new HttpSettings(config.jwtSecret().orElse(serverSecret), HttpSettings.DEFAULT_TOKEN_TTL,
                            config.legacyHeaderAuth(), clock, HttpSettings.DEFAULT_SHUTDOWN_GRACE,
                            config.requestThreads(), config.httpLimits()), metrics.registry());
            int port = http.start(config.httpPort());
            started.opened("API", http::stop);
            readiness.serving(http.readiness());
            LOG.info("Enroll is listening on port {} ({} store)", port, config.store().name().toLowerCase(Locale.ROOT));
            return new RunningService(port, managementPort, started);
        } catch (Throwable e) {
            // Whatever the failure (an Error, or a checked exception a library throws undeclared),
            // what started closes: a server left running keeps the JVM alive.
            started.close();
            throw e;
        }
    }

    /** Creates the database if needed and applies pending migrations; returns how many ran. */
    public static int migrate(Config config) {
        if (config.store() == StoreKind.MEMORY) {
            throw new ConfigException("migrate needs ENROLL_STORE=postgres: the memory store has no schema");
        }
        return PostgresWiring.migrate(config);
    }

    /** Partner administration over the configured PostgreSQL store. */
    public static PartnerAdministration partnerAdministration(Config config) {
        if (config.store() == StoreKind.MEMORY) {
            throw new ConfigException("partner commands need ENROLL_STORE=postgres: the memory store lives only"
                    + " inside a serving process (serve prints a demo partner's credentials)");
        }
        // One command, one connection: not the serving pool, nor its group-commit writers.
        Stores stores = PostgresWiring.open(config, 1);
        return new PartnerAdministration(new ManagePartnersService(stores.partners(), Clock.systemUTC()), stores);
    }

    private static Stores openStores(Config config, ServiceMetrics metrics) {
        if (config.store() == StoreKind.MEMORY) {
            InMemoryPartnerRepository partners = new InMemoryPartnerRepository();
            InMemoryUserRepository users = new InMemoryUserRepository();
            return new Stores(users, partners, new InMemorySigningKeyRepository(), () -> true,
                    new InMemoryIdempotencyStore(), new InMemoryUserImport(users), () -> { });
        }
        return PostgresWiring.open(config, metrics.registry());
    }

    static HttpUseCases useCases(Config config, Stores stores, Clock clock, byte[] serverSecret) {
        UserRepository users = stores.users();
        UserIdGenerator ids = new TimeOrderedUserIdGenerator();
        PartnerCodeGenerator partnerCodes = new RandomPartnerCodeGenerator();
        ContributorSettings settings = config.policyDatesOptional()::contains;
        return new HttpUseCases(
                new CreateUserService(users, ids, partnerCodes, clock),
                new CreateUserWithPolicyService(users, ids, partnerCodes, settings, clock),
                new UpdateUserService(users, clock),
                new UpdatePolicyService(users, settings, clock),
                new GetUserService(users),
                new AuthenticatePartnerService(stores.partners()),
                stores.health(),
                new ListUsersService(users, serverSecret),
                new DeleteUserService(users, stores.idempotency(), clock),
                new IdempotencyService(stores.idempotency(), clock),
                new ImportUsersService(stores.imports(), ids, partnerCodes, settings, clock));
    }

    /**
     * The secret generated once and kept in the store, so that every instance sharing the database
     * has the same: it signs tokens unless ENROLL_JWT_SECRET is set, and list cursors are sealed
     * under a key derived from it (which a change of ENROLL_JWT_SECRET therefore leaves alone).
     */
    private static byte[] serverSecret(Stores stores) {
        byte[] candidate = new byte[Math.max(HttpSettings.MIN_SIGNING_KEY_BYTES,
                ListUsersService.MIN_SERVER_SECRET_BYTES)];
        new SecureRandom().nextBytes(candidate);
        return stores.signingKeys().loadOrStore(candidate);
    }

    private static void announceDemoPartner(Stores stores, Clock clock, PrintWriter out) {
        IssuedCredentials demo = new ManagePartnersService(stores.partners(), clock)
                .create(DEMO_PARTNER, "Demo partner (memory store)");
        LOG.warn("ENROLL_STORE=memory: nothing is kept; every user is lost when the process stops. "
                + "A demo partner's credentials are printed on stdout.");
        out.println(JsonText.credentials(demo));
        out.flush();
    }
}
