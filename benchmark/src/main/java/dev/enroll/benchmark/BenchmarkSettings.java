package dev.enroll.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a run can be told, with defaults that keep the whole run near five and a half
 * minutes on a two-core machine: 6 scenarios x 4 concurrency levels x (1 s ramp + 10 s measured),
 * plus a 15 s warm-up (on two busy cores the server's C2 compiler is still at work well after
 * ten seconds), the paced step and setting up.
 */
record BenchmarkSettings(Duration stepDuration, Duration ramp, Duration warmup, List<Integer> concurrency,
                         List<Scenario> scenarios, int poolSize, int seedUsers, double pacedFraction,
                         Path jar, Path resultsDirectory, String databaseServerUrl, String databaseUser,
                         String databasePassword, Duration requestTimeout, List<String> serverJvmOptions,
                         boolean checkpoints, int bookUsers) {

    static final String USAGE = """
            Usage: java -jar benchmark/target/enroll-benchmark.jar [option value]...

            Starts bootstrap/target/enroll.jar on a throwaway PostgreSQL database, drives it over HTTP,
            measures the raw JDBC insert limit beside it, and writes results.txt, results.csv and
            report.html. Every option also takes the form --option=value.

              --duration D         measured time per step                      (default 10s)
              --ramp D             unmeasured time before each step            (default 1s)
              --warmup D           unmeasured mixed load before the first step (default 60s)
              --concurrency LIST   clients per step, e.g. 1,8,32,64           (default 1,8,32,64)
              --scenarios LIST     of raw-insert,create,create-with-policy,update,read,mix (default all)
              --pool-size N        the server's ENROLL_DB_POOL_SIZE, 1-200     (default 32)
              --seed-users N       users created before the steps for update/read/mix (default 1000)
              --paced-fraction F   the paced (open-loop) create step's rate as a share of the peak
                                   closed-loop create rate; 0 skips it        (default 0.5)
              --jar PATH           the server jar                    (default bootstrap/target/enroll.jar)
              --out DIR            where results go                  (default benchmark/target/results)
              --db-server URL      JDBC URL of any database on the local PostgreSQL server, used to
                                   create and drop the throwaway one (default jdbc:postgresql://localhost:5432/postgres)
              --db-user NAME       (default postgres); the password comes from ENROLL_BENCH_DB_PASSWORD
              --request-timeout D  one request's limit; a timeout counts as an error (default 10s)
              --server-jvm-opts S  space-separated JVM options for the server, e.g. "-Xmx512m" (default none)
              --checkpoints on|off a CHECKPOINT before every step, so each starts from clean buffers (default on)
              --book-users N       users loaded straight into the database for the list and find
                                   scenarios (list-deep, find-email, find-phone, find-external-id,
                                   find-policy, find-updated-since; not in the default list) (default 0)
              --help               this text

            Durations: 10s, 500ms, 2m, or a plain number of seconds.

            Two other runs:
              import [--help]      POST /api/users/import beside a raw COPY of the same rows
              startup [--starts N] [--baseline-jar PATH] [--embedded off] [--db-server URL]
                                   java -jar to the first 200 of /health/ready, four kinds of start
            """;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final Set<String> KNOWN = Set.of("duration", "ramp", "warmup", "concurrency", "scenarios",
            "pool-size", "seed-users", "paced-fraction", "jar", "out", "db-server", "db-user", "request-timeout",
            "server-jvm-opts", "checkpoints", "book-users");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    BenchmarkSettings {
        requirePositive(stepDuration, "--duration");
        requireNonNegative(ramp, "--ramp");
        requireNonNegative(warmup, "--warmup");
        requirePositive(requestTimeout, "--request-timeout");
        concurrency = List.copyOf(concurrency);
        scenarios = List.copyOf(scenarios);
        serverJvmOptions = List.copyOf(serverJvmOptions);
        if (concurrency.isEmpty() || concurrency.stream().anyMatch(c -> c < 1 || c > 1024)) {
            throw new IllegalArgumentException("--concurrency: each level must be 1 to 1024");
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("--scenarios: name at least one");
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("--pool-size: must be 1 to 200, as the server accepts");
        }
        // Update steps give every client its own users, so no two clients ever race on one user.
        int busiest = concurrency.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (seedUsers < busiest) {
            throw new IllegalArgumentException("--seed-users: at least the highest concurrency (" + busiest + ")");
        }
        if (pacedFraction < 0 || pacedFraction > 1) {
            throw new IllegalArgumentException("--paced-fraction: must be 0 to 1");
        }
        requireLocal(databaseServerUrl);
        if (bookUsers < 0 || bookUsers == 1 || bookUsers > 9_999_999) {
            // A deep cursor needs a user after the deep one; phones have seven digits.
            throw new IllegalArgumentException("--book-users: must be 0, or 2 to 9999999");
        }
        if (bookUsers == 0 && scenarios.stream().anyMatch(Scenario::readsTheBook)) {
            throw new IllegalArgumentException("--scenarios: the list and find scenarios need --book-users");
        }
    }

    static BenchmarkSettings defaults() {
        return new BenchmarkSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60),
                List.of(1, 8, 32, 64), Arrays.stream(Scenario.values()).filter(s -> !s.readsTheBook()).toList(),
                32, 1000, 0.5,
                Path.of("bootstrap/target/enroll.jar"), Path.of("benchmark/target/results"),
                "jdbc:postgresql://localhost:5432/postgres", "postgres", "", Duration.ofSeconds(10), List.of(), true, 0);
    }

    /**
     * The settings {@code args} ask for, on top of the defaults; {@code password} is the value of
     * ENROLL_BENCH_DB_PASSWORD (null when unset), kept off the command line so it is never seen in ps.
     */
    static BenchmarkSettings parse(List<String> args, String password) {
        Map<String, String> options = options(args);
        BenchmarkSettings d = defaults();
        return new BenchmarkSettings(
                duration(options, "duration", d.stepDuration),
                duration(options, "ramp", d.ramp),
                duration(options, "warmup", d.warmup),
                options.containsKey("concurrency") ? integers(options.get("concurrency"), "concurrency")
                        : d.concurrency,
                options.containsKey("scenarios") ? scenarios(options.get("scenarios")) : d.scenarios,
                integer(options, "pool-size", d.poolSize),
                integer(options, "seed-users", d.seedUsers),
                decimal(options, "paced-fraction", d.pacedFraction),
                Path.of(options.getOrDefault("jar", d.jar.toString())),
                Path.of(options.getOrDefault("out", d.resultsDirectory.toString())),
                options.getOrDefault("db-server", d.databaseServerUrl),
                options.getOrDefault("db-user", d.databaseUser),
                password == null ? d.databasePassword : password,
                duration(options, "request-timeout", d.requestTimeout),
                options.containsKey("server-jvm-opts")
                        ? Arrays.stream(options.get("server-jvm-opts").trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList()
                        : d.serverJvmOptions,
                onOff(options, "checkpoints", d.checkpoints),
                integer(options, "book-users", d.bookUsers));
    }

    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    int highestConcurrency() {
        return concurrency.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** One line per setting, for the results files; never the password. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("step duration " + human(stepDuration) + " measured, after " + (checkpoints ? "a CHECKPOINT and " : "")
                + "a " + human(ramp) + " unmeasured ramp");
        lines.add("warm-up " + human(warmup) + " of mixed load before the first step");
        lines.add("concurrency " + concurrency.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
        lines.add("scenarios " + Scenario.labels(scenarios));
        lines.add("server ENROLL_DB_POOL_SIZE=" + poolSize + ", JVM options "
                + (serverJvmOptions.isEmpty() ? "(none)" : String.join(" ", serverJvmOptions)));
        lines.add("seed users " + seedUsers + "; paced step at " + Math.round(pacedFraction * 100)
                + "% of the peak create rate" + (pacedFraction == 0 ? " (skipped)" : ""));
        if (bookUsers > 0) {
            lines.add("book of " + bookUsers + " users loaded for the list and find scenarios");
        }
        lines.add("request timeout " + human(requestTimeout));
        return lines;
    }

    @Override
    public String toString() {
        return "BenchmarkSettings" + describe();
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; see --help");
            }
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--" + name + ": needs a value");
                }
                value = args.get(++i);
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; see --help");
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + ": given twice");
            }
        }
        return options;
    }

    static Duration parseDuration(String text, String option) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + option + ": '" + text
                    + "' is not a duration such as 10s or 500ms");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static boolean onOff(Map<String, String> options, String name, boolean fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--" + name + ": on or off, not " + value);
        };
    }

    private static Duration duration(Map<String, String> options, String name, Duration fallback) {
        return options.containsKey(name) ? parseDuration(options.get(name), name) : fallback;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        if (!options.containsKey(name)) {
            return fallback;
        }
        try {
            return Integer.parseInt(options.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + options.get(name) + "' is not a whole number");
        }
    }

    private static double decimal(Map<String, String> options, String name, double fallback) {
        if (!options.containsKey(name)) {
            return fallback;
        }
        try {
            return Double.parseDouble(options.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + options.get(name) + "' is not a number");
        }
    }

    private static List<Integer> integers(String list, String name) {
        List<Integer> values = new ArrayList<>();
        for (String part : list.split(",")) {
            try {
                values.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": '" + part + "' is not a whole number");
            }
        }
        return values.stream().distinct().sorted().toList();
    }

    private static List<Scenario> scenarios(String list) {
        List<Scenario> chosen = Arrays.stream(list.split(",")).map(String::trim).map(Scenario::byLabel)
                .distinct().toList();
        // Always run in declaration order: the raw limit first, next to the creates it measures.
        return Arrays.stream(Scenario.values()).filter(chosen::contains).toList();
    }

    private static void requirePositive(Duration duration, String option) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(option + ": must be more than zero");
        }
    }

    private static void requireNonNegative(Duration duration, String option) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(option + ": must not be negative");
        }
    }

    /** The benchmark only ever talks to this machine: it creates and drops databases. */
    private static void requireLocal(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("--db-server: must be a jdbc:postgresql:// URL");
        }
        String host = URI.create("postgresql://" + jdbcUrl.substring(prefix.length())).getHost();
        if (host == null || !LOCAL_HOSTS.contains(host)) {
            throw new IllegalArgumentException("--db-server: must be on localhost; the benchmark creates and drops"
                    + " databases and sends load, so it stays on this machine");
        }
    }
}
