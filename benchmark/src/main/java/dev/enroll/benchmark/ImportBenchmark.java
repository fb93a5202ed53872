package dev.enroll.benchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code import} scenario: N synthetic users through {@code POST /api/users/import} of the
 * jar (started with a small heap), beside a raw {@code COPY} of the same rows into the same
 * indexed {@code users} table, in the same run. The rows go in rounds, the two sides taking
 * turns and alternating which goes first, so that the table's growth and the machine's other
 * load fall on both alike; each side's rate is its rows over its own time.
 */
final class ImportBenchmark {

    static final String USAGE = """
            Usage: java -jar benchmark/target/enroll-benchmark.jar import [option value]...

            Imports N synthetic users through the API of bootstrap/target/enroll.jar, on a throwaway
            database, beside a raw COPY of the same rows into the same table, and prints both rates and
            their ratio against the target (the API at 50% of the raw COPY or better).

              --rows N             users per side                           (default 1000000)
              --rounds N           turns each side takes                   (default 4)
              --warmup-rows N      rows imported, unmeasured, before the rounds, so the server's
                                   JIT has compiled the import's path       (default 20000)
              --server-jvm-opts S  the server's JVM options                (default "-Xmx256m")
              --pool-size N        the server's ENROLL_DB_POOL_SIZE        (default 8)
              --jar PATH           the server jar            (default bootstrap/target/enroll.jar)
              --db-server URL      (default jdbc:postgresql://localhost:5432/postgres)
              --db-user NAME       (default postgres); the password comes from ENROLL_BENCH_DB_PASSWORD
            """;

    private static final String PARTNER_ID = "bench";
    private static final double TARGET = 0.5;

    private final long rows;
    private final int rounds;
    private final long warmupRows;
    private final List<String> serverJvmOptions;
    private final int poolSize;
    private final Path jar;
    private final String databaseServer;
    private final String databaseUser;
    private final String databasePassword;
    private final PrintStream progress;

    private ImportBenchmark(List<String> args, String databasePassword, PrintStream progress) {
        long parsedRows = 1_000_000;
        int parsedRounds = 4;
        long parsedWarmup = 20_000;
        List<String> jvm = List.of("-Xmx256m");
        int pool = 8;
        Path parsedJar = Path.of("bootstrap/target/enroll.jar");
        String server = "jdbc:postgresql://localhost:5432/postgres";
        String user = "postgres";
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(args.get(i) + " needs a value");
            }
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--rows" -> parsedRows = Long.parseLong(value);
                case "--rounds" -> parsedRounds = Integer.parseInt(value);
                case "--warmup-rows" -> parsedWarmup = Long.parseLong(value);
                case "--server-jvm-opts" -> jvm = value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
                case "--pool-size" -> pool = Integer.parseInt(value);
                case "--jar" -> parsedJar = Path.of(value);
                case "--db-server" -> server = value;
                case "--db-user" -> user = value;
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        if (parsedRows < 1 || parsedWarmup < 0 || parsedRows + parsedWarmup > SyntheticUser.MAX_SERIAL
                || parsedRounds < 1 || parsedRounds > parsedRows) {
            throw new IllegalArgumentException("--rows and --warmup-rows must add up to at most "
                    + SyntheticUser.MAX_SERIAL + ", and --rounds be 1..rows");
        }
        this.rows = parsedRows;
        this.rounds = parsedRounds;
        this.warmupRows = parsedWarmup;
        this.serverJvmOptions = jvm;
        this.poolSize = pool;
        this.jar = BenchmarkMain.repositoryRoot().resolve(parsedJar).normalize();
        this.databaseServer = server;
        this.databaseUser = user;
        this.databasePassword = databasePassword;
        this.progress = progress;
    }

    static void main(List<String> args) {
        if (args.contains("--help")) {
            System.out.print(USAGE);
            return;
        }
        ImportBenchmark benchmark;
        try {
            String password = System.getenv("ENROLL_BENCH_DB_PASSWORD");
            benchmark = new ImportBenchmark(args, password == null ? "" : password, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("enroll-benchmark import: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.out.print(benchmark.run());
            System.exit(0);
        } catch (Exception e) {
            System.err.println("enroll-benchmark import: the run failed: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private String run() throws Exception {
        EnrollJar.require(jar);
        String runTag = BenchmarkMain.runTag();
        MachineState before = MachineState.now();
        Teardown teardown = new Teardown();
        StringBuilder table = new StringBuilder();
        try {
            ThrowawayDatabase database = ThrowawayDatabase.create(databaseServer, databaseUser, databasePassword, runTag);
            teardown.add("drop database " + database.name(), database::close);
            EnrollJar enroll = new EnrollJar(jar, database);
            enroll.migrate();
            PartnerCredentials partner = enroll.createPartner(PARTNER_ID);
            Path log = Files.createTempFile("enroll-import-bench", ".log");
            ServerProcess server = enroll.serve(poolSize, serverJvmOptions, log);
            teardown.add("stop the server", server::close);
            server.awaitReady(Duration.ofSeconds(10));
            String authorization = ApiClient.local(server.port(), Duration.ofSeconds(10)).authenticated(partner)
                    .authorization();
            RawCopyLimit raw = new RawCopyLimit(database, PARTNER_ID, runTag);
            if (warmupRows > 0) {
                // Serials after the measured ones: the rounds' rows stay new to the table.
                apiImport(server.port(), authorization, runTag, rows + 1, warmupRows);
                progress.printf(Locale.ROOT, "[bench] warm-up: %d rows imported, not measured%n", warmupRows);
            }
            progress.printf(Locale.ROOT, "[bench] import: %d rows per side in %d rounds after %d warm-up rows; server "
                    + "%s, pool %d; load average %s on %d cores%n", rows, rounds, warmupRows, serverJvmOptions, poolSize,
                    before.loadAverage(), before.cores());

            table.append(String.format(Locale.ROOT, "import: %d rows per side in %d rounds (after %d warm-up rows), "
                    + "server %s, pool %d%n", rows, rounds, warmupRows, serverJvmOptions, poolSize));
            table.append(String.format(Locale.ROOT, "%-6s %10s %14s %16s %8s%n", "round", "rows", "API rows/s",
                    "raw COPY rows/s", "API/raw"));
            long apiNanos = 0;
            long rawNanos = 0;
            List<Double> ratios = new ArrayList<>();
            long done = 0;
            for (int round = 0; round < rounds; round++) {
                long count = rows / rounds + (round < rows % rounds ? 1 : 0);
                long first = done + 1;
                long api;
                long copy;
                if (round % 2 == 0) {
                    api = apiImport(server.port(), authorization, runTag, first, count);
                    copy = raw.copy(first, count);
                } else {
                    copy = raw.copy(first, count);
                    api = apiImport(server.port(), authorization, runTag, first, count);
                }
                apiNanos += api;
                rawNanos += copy;
                done += count;
                double ratio = (double) copy / api;
                ratios.add(ratio);
                table.append(String.format(Locale.ROOT, "%-6d %10d %14.0f %16.0f %7.1f%%%n", round + 1, count,
                        rate(count, api), rate(count, copy), 100 * ratio));
                progress.printf(Locale.ROOT, "[bench] round %d: API %.0f rows/s, raw COPY %.0f rows/s%n", round + 1,
                        rate(count, api), rate(count, copy));
            }
            ResidentMemory memory = server.residentMemory();
            server.stop();
            double overall = (double) rawNanos / apiNanos;
            ratios.sort(null);
            table.append(String.format(Locale.ROOT, "%-6s %10d %14.0f %16.0f %7.1f%%   (median round %.1f%%)%n",
                    "all", rows, rate(rows, apiNanos), rate(rows, rawNanos), 100 * overall,
                    100 * ratios.get(ratios.size() / 2)));
            table.append(String.format(Locale.ROOT, "target: the API at %.0f%% of the raw COPY or better: %s%n",
                    100 * TARGET, overall >= TARGET ? "met" : "missed"));
            table.append(String.format(Locale.ROOT, "server %s: resident memory %.0f MiB at the end, peak %.0f MiB%n",
                    serverJvmOptions, memory.rssMiB(), memory.peakMiB()));
            MachineState after = MachineState.now();
            table.append(String.format(Locale.ROOT, "load average %s before, %s after, %d cores; PostgreSQL %s%n",
                    before.loadAverage(), after.loadAverage(), before.cores(), database.serverVersion()));
        } finally {
            teardown.run();
        }
        return table.toString();
    }

    private static long apiImport(int port, String authorization, String runTag, long first, long count)
            throws Exception {
        ImportUpload.Answer answer = ImportUpload.run(port, authorization, runTag, first, count);
        if (answer.rowLines() != count || answer.rejected() != 0 || !answer.summary().contains("\"created\":" + count)) {
            throw new IllegalStateException("the import did not create every row: " + answer.summary());
        }
        return answer.nanos();
    }

    private static double rate(long rows, long nanos) {
        return rows / (nanos / 1e9);
    }
}
