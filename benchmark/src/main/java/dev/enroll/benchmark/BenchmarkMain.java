package dev.enroll.benchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The one command: sets up its own world (a throwaway database, a partner, a server started from
 * the jar, a token, seed users), runs the steps, tears the world down, writes the reports and
 * prints the table. Exit code 0 when the run completed (whether or not the targets were met),
 * 1 when it could not, 2 for bad arguments.
 */
public final class BenchmarkMain {

    private static final String PARTNER_ID = "bench";
    private static final int SEED_CLIENTS = 8;
    /** Tokens last an hour; a run must end well before, or its last steps would fail with 401s. */
    private static final Duration LONGEST_RUN = Duration.ofMinutes(50);

    private final BenchmarkSettings settings;
    private final PrintStream progress;

    private BenchmarkMain(BenchmarkSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("startup")) {
            try {
                StartupBenchmark.main(arguments.subList(1, arguments.size()), repositoryRoot());
                System.exit(0);
            } catch (Exception e) {
                System.err.println("enroll-benchmark: the start-up run failed: " + e.getMessage());
                System.exit(1);
            }
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("import")) {
            ImportBenchmark.main(arguments.subList(1, arguments.size()));
            return;
        }
        if (BenchmarkSettings.wantsHelp(arguments)) {
            System.out.print(BenchmarkSettings.USAGE);
            return;
        }
        BenchmarkSettings settings;
        try {
            settings = BenchmarkSettings.parse(arguments, System.getenv("ENROLL_BENCH_DB_PASSWORD"));
        } catch (IllegalArgumentException e) {
            System.err.println("enroll-benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.out.print(new BenchmarkMain(resolved(settings), System.err).run());
            System.exit(0);
        } catch (Exception e) {
            System.err.println("enroll-benchmark: the run failed: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    /** Runs everything; answers the results table. */
    private String run() throws Exception {
        Duration planned = plannedLength();
        if (planned.compareTo(LONGEST_RUN) > 0) {
            throw new IllegalArgumentException("the steps would take about " + planned.toMinutes()
                    + " min; keep a run under " + LONGEST_RUN.toMinutes() + " min (the access token lasts an hour)");
        }
        Path jar = EnrollJar.require(settings.jar());
        Files.createDirectories(settings.resultsDirectory());
        String runTag = runTag();
        MachineState before = MachineState.now();
        progress.printf(Locale.ROOT, "[bench] run %s: about %d min of steps; load average %s on %d cores%n", runTag,
                Math.max(1, Math.round(planned.toSeconds() / 60.0)), before.loadAverage(), before.cores());

        Teardown teardown = new Teardown();
        RunResults results;
        try {
            ThrowawayDatabase database = ThrowawayDatabase.create(settings.databaseServerUrl(),
                    settings.databaseUser(), settings.databasePassword(), runTag);
            teardown.add("drop database " + database.name(), database::close);
            progress.printf("[bench] created database %s%n", database.name());

            EnrollJar enroll = new EnrollJar(jar, database);
            Duration migrate = enroll.migrate();
            PartnerCredentials partner = enroll.createPartner(PARTNER_ID);
            ServerProcess server = enroll.serve(settings.poolSize(), settings.serverJvmOptions(),
                    settings.resultsDirectory().resolve("server.log"));
            teardown.add("stop the server", server::close);
            Startup startup = server.awaitReady(settings.requestTimeout());
            progress.printf("[bench] server ready on port %d after %d ms (pool size %d)%n", server.port(),
                    startup.toReady().toMillis(), settings.poolSize());

            ApiClient api = ApiClient.local(server.port(), settings.requestTimeout()).authenticated(partner);
            UserBook book = null;
            if (settings.bookUsers() > 0) {
                long loading = System.nanoTime();
                book = UserBook.load(database, api, partner.partnerId(), settings.bookUsers());
                progress.printf(Locale.ROOT, "[bench] loaded a book of %d users in %.0f s%n", book.size(),
                        (System.nanoTime() - loading) / 1e9);
            }
            SyntheticUsers users = new SyntheticUsers(runTag);
            SeededUsers seeded = SeededUsers.create(api, users, settings.seedUsers(),
                    Math.min(SEED_CLIENTS, settings.seedUsers()));
            progress.printf("[bench] seeded %d users with a policy%n", seeded.size());

            RawInsertLimit raw = new RawInsertLimit(database, partner.partnerId(), users);
            List<StepResult> steps;
            try (CpuMeter cpu = CpuMeter.of(server.pid(), database)) {
                steps = new LoadDriver(settings, new ApiScenarios(api, users, seeded, book), raw, cpu,
                        new CleanStart(database, settings.checkpoints(), progress), progress).run();
            }

            ResidentMemory memory = server.residentMemory();
            int exit = server.stop();
            progress.printf("[bench] server stopped (exit code %d); %d access-log lines counted, log in %s%n", exit,
                    server.accessLogLines(), settings.resultsDirectory().resolve("server.log"));
            results = new RunResults(settings.describe(), before, MachineState.now(),
                    System.getProperty("java.version"), database.serverVersion(), migrate, startup, memory, exit,
                    steps);
        } finally {
            teardown.run();
        }
        String table = ResultsTable.render(results);
        for (Path written : new ReportWriter(settings.resultsDirectory()).write(results)) {
            progress.println("[bench] wrote " + written);
        }
        return table;
    }

    /** Steps and warm-up; setting up adds about half a minute on top. */
    private Duration plannedLength() {
        long steps = (long) settings.scenarios().size() * settings.concurrency().size()
                + (settings.pacedFraction() > 0 ? 1 : 0);
        return settings.ramp().plus(settings.stepDuration()).multipliedBy(steps).plus(settings.warmup());
    }

    /** Relative default paths are meant from the repository root, wherever the command was started. */
    private static BenchmarkSettings resolved(BenchmarkSettings settings) {
        Path root = repositoryRoot();
        return new BenchmarkSettings(settings.stepDuration(), settings.ramp(), settings.warmup(),
                settings.concurrency(), settings.scenarios(), settings.poolSize(), settings.seedUsers(),
                settings.pacedFraction(), root.resolve(settings.jar()).normalize(),
                root.resolve(settings.resultsDirectory()).normalize(), settings.databaseServerUrl(),
                settings.databaseUser(), settings.databasePassword(), settings.requestTimeout(),
                settings.serverJvmOptions(), settings.checkpoints(), settings.bookUsers());
    }

    /** The nearest directory, from here upwards, that holds both bootstrap/ and benchmark/; else here. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("bootstrap")) && Files.isDirectory(dir.resolve("benchmark"))) {
                return dir;
            }
        }
        return here;
    }

    /** Ten random lowercase letters and digits: names the database and keeps emails unique across runs. */
    static String runTag() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            tag.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return tag.toString();
    }
}
