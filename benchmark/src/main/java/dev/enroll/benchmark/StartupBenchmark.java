package dev.enroll.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code startup} scenario: {@code enroll.jar serve} started with the documented command
 * ({@code java @bootstrap/target/jvm.options -jar …}) again and again, from the spawn to the
 * first {@code 200} of {@code GET /health/ready}, in four situations taken in turn, round after
 * round, so a machine that slows down or speeds up in the meantime touches all of them alike:
 * a migrated database, an empty one (created and migrated by the start), and the embedded
 * default on a new data directory (initialised by the start) and on an existing one. Prints
 * min, median and max of each beside the targets, and beside the {@link StackFloor}: the same
 * libraries doing only what any server on them must do before it is ready, started on the
 * migrated database in the same rounds. With {@code --baseline-jar}, another build
 * (another branch's, say) is started on the same two databases in the same rounds, so the two
 * compare under the same load; {@code --embedded off} leaves the embedded starts out.
 *
 * <pre>java -jar benchmark/target/enroll-benchmark.jar startup [--starts N] [--baseline-jar PATH]
 *     [--embedded on|off] [--db-server URL] [--db-user U]</pre>
 */
final class StartupBenchmark {

    private static final Duration MIGRATED_TARGET = Duration.ofMillis(500);
    private static final Duration EMPTY_TARGET = Duration.ofMillis(1000);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final String FLOOR = "stack floor: Javalin, pool, SELECT 1 (migrated db)";

    private final Path jar;
    private final Path baselineJar;
    private final boolean withEmbedded;
    private final String serverUrl;
    private final String user;
    private final String password;
    private final Path work;

    private StartupBenchmark(Path jar, Path baselineJar, boolean withEmbedded, String serverUrl, String user,
                             String password, Path work) {
        this.jar = jar;
        this.baselineJar = baselineJar;
        this.withEmbedded = withEmbedded;
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.work = work;
    }

    static void main(List<String> args, Path root) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            options.put(args.get(i).replaceFirst("^--", ""), args.get(i + 1));
        }
        int starts = Integer.parseInt(options.getOrDefault("starts", "7"));
        Path jar = EnrollJar.require(root.resolve(options.getOrDefault("jar", "bootstrap/target/enroll.jar")));
        Path work = Files.createTempDirectory("enroll-startup-");
        Path baseline = options.containsKey("baseline-jar")
                ? EnrollJar.require(root.resolve(options.get("baseline-jar"))) : null;
        StartupBenchmark benchmark = new StartupBenchmark(jar, baseline,
                !options.getOrDefault("embedded", "on").equals("off"),
                options.getOrDefault("db-server", "jdbc:postgresql://localhost:5432/postgres"),
                options.getOrDefault("db-user", "postgres"),
                System.getenv().getOrDefault("ENROLL_BENCH_DB_PASSWORD", ""), work);
        try {
            System.out.print(benchmark.run(starts));
        } finally {
            deleteTree(work);
        }
    }

    private String run(int starts) throws Exception {
        MachineState before = MachineState.now();
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String migrated = "enroll_start_" + tag;
        execute("CREATE DATABASE " + migrated);
        Path embedded = work.resolve("embedded-existing");
        Map<String, List<Duration>> times = new LinkedHashMap<>();
        try {
            start(jar, "first start: migrates the new database", database(migrated));
            StackFloorCommand floor = archivedFloor(database(migrated));
            if (withEmbedded) {
                start(jar, "first start: initialises the embedded database", embedded(embedded));
            }
            for (int round = 0; round < starts; round++) {
                System.err.printf(Locale.ROOT, "[startup] round %d of %d%n", round + 1, starts);
                databaseStarts(jar, "", migrated, migrated + "_e" + round, times);
                if (baselineJar != null) {
                    databaseStarts(baselineJar, " (baseline jar)", migrated, migrated + "_b" + round, times);
                }
                times.computeIfAbsent(FLOOR, k -> new ArrayList<>())
                        .add(start(floor.serve(), "stack floor", database(migrated), false));
                if (withEmbedded) {
                    times.computeIfAbsent("embedded default, existing data", k -> new ArrayList<>())
                            .add(start(jar, "embedded, existing", embedded(embedded)));
                    Path fresh = work.resolve("embedded-new-" + round);
                    times.computeIfAbsent("embedded default, new data (initdb)", k -> new ArrayList<>())
                            .add(start(jar, "embedded, new", embedded(fresh)));
                    deleteTree(fresh);
                }
            }
        } finally {
            execute("DROP DATABASE IF EXISTS " + migrated + " WITH (FORCE)");
        }
        return table(times, starts, before);
    }

    /** One start on the migrated database, one on a new (empty) one, which is dropped afterwards. */
    private void databaseStarts(Path build, String suffix, String migrated, String empty,
                                Map<String, List<Duration>> times) throws Exception {
        times.computeIfAbsent("migrated database" + suffix, k -> new ArrayList<>())
                .add(start(build, "migrated", database(migrated)));
        try {
            times.computeIfAbsent("empty database (created, migrated)" + suffix, k -> new ArrayList<>())
                    .add(start(build, "empty", database(empty)));
        } finally {
            execute("DROP DATABASE IF EXISTS " + empty + " WITH (FORCE)");
        }
    }

    private Duration start(Path build, String label, Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(EnrollJar.command(build, List.of(), List.of("serve")), label, environment, true);
    }

    /** {@code cleanStop}: the server must exit 0 on SIGTERM, as Enroll does (the floor need not). */
    private Duration start(List<String> command, String label, Map<String, String> environment, boolean cleanStop)
            throws IOException, InterruptedException {
        EnrollJar.onFreePorts(environment);
        try (ServerProcess server = ServerProcess.spawn(command, environment, work.resolve("server.log"))) {
            Duration ready = server.awaitReady(PROBE_TIMEOUT).toReady();
            int exit = server.stop();
            if (cleanStop && exit != 0) {
                throw new IllegalStateException(label + ": the server exited with " + exit);
            }
            return ready;
        }
    }

    /** The stack floor with its own AppCDS archive, made from one rehearsed start on the database. */
    private StackFloorCommand archivedFloor(Map<String, String> environment) throws IOException, InterruptedException {
        StackFloorCommand floor = StackFloorCommand.beside(jar, work);
        Path classList = work.resolve("stack-floor.classlist");
        start(floor.rehearsal(classList), "stack floor rehearsal", environment, false);
        floor.dump(classList);
        return floor;
    }

    private Map<String, String> database(String name) {
        Map<String, String> environment = EnrollJar.basicEnvironment();
        String base = serverUrl.contains("?") ? serverUrl.substring(0, serverUrl.indexOf('?')) : serverUrl;
        environment.put("ENROLL_DB_URL", base.substring(0, base.lastIndexOf('/') + 1) + name);
        environment.put("ENROLL_DB_USER", user);
        environment.put("ENROLL_DB_PASSWORD", password);
        return environment;
    }

    private static Map<String, String> embedded(Path dataDirectory) {
        Map<String, String> environment = EnrollJar.basicEnvironment();
        environment.put("ENROLL_DATA_DIR", dataDirectory.toString());
        return environment;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String table(Map<String, List<Duration>> times, int starts, MachineState before) {
        MachineState after = MachineState.now();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Enroll start-up: java -jar to the first 200 of /health/ready,"
                + " %d starts each, taken in turn%n", starts));
        out.append(String.format(Locale.ROOT, "load average %s before, %s after, on %d cores%n%n",
                before.loadAverage(), after.loadAverage(), before.cores()));
        out.append(String.format(Locale.ROOT, "| %-53s | %7s | %7s | %7s | %-16s |%n", "start", "min", "median",
                "max", "target (median)"));
        out.append("|").append("-".repeat(55)).append("|---------|---------|---------|------------------|\n");
        times.forEach((name, list) -> {
            List<Duration> sorted = list.stream().sorted().toList();
            Duration median = sorted.get(sorted.size() / 2);
            boolean ours = !name.endsWith("(baseline jar)");
            Duration target = !ours ? null : name.startsWith("migrated") ? MIGRATED_TARGET
                    : name.startsWith("empty") ? EMPTY_TARGET : null;
            String verdict = target == null ? "-"
                    : String.format(Locale.ROOT, "%.2f s: %s", seconds(target),
                    median.compareTo(target) < 0 ? "met" : "missed");
            out.append(String.format(Locale.ROOT, "| %-53s | %5.2f s | %5.2f s | %5.2f s | %-16s |%n", name,
                    seconds(sorted.get(0)), seconds(median), seconds(sorted.get(sorted.size() - 1)), verdict));
        });
        out.append(String.format(Locale.ROOT, "%nThe stack floor is not Enroll: Javalin, a HikariCP pool of %d and one"
                + " route that asks PostgreSQL SELECT 1,%non the same jar's libraries and JVM options, with an AppCDS"
                + " archive of its own (StackFloor).%n", StackFloor.POOL_SIZE));
        return out.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
