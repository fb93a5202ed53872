package dev.enroll.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code bootstrap/target/enroll.jar}, run as an operator would: {@code migrate},
 * {@code partner create} and {@code serve}, each a child process on the benchmark's database.
 */
final class EnrollJar {

    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path jar;
    private final ThrowawayDatabase database;

    EnrollJar(Path jar, ThrowawayDatabase database) {
        this.jar = jar;
        this.database = database;
    }

    static Path require(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist; build it first: mvn -B -q -Pbenchmark -DskipTests"
                    + " package (from the repository root)");
        }
        return jar;
    }

    /** Applies the migrations to the empty database; answers how long the command took. */
    Duration migrate() throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(List.of("migrate"), line -> { });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    PartnerCredentials createPartner(String partnerId) throws IOException, InterruptedException {
        AtomicReference<String> printed = new AtomicReference<>();
        run(List.of("partner", "create", "--partner-id", partnerId, "--name", "Load benchmark"),
                line -> printed.compareAndSet(null, line));
        if (printed.get() == null) {
            throw new IllegalStateException("partner create printed nothing on stdout");
        }
        return PartnerCredentials.fromJson(printed.get());
    }

    ServerProcess serve(int poolSize, List<String> jvmOptions, Path log) throws IOException {
        Map<String, String> environment = environment();
        onFreePorts(environment);
        environment.put("ENROLL_DB_POOL_SIZE", Integer.toString(poolSize));
        // The benchmark measures what the service can do for one partner, so the per-partner
        // rate limit (200 requests/s by default, answered 429) must sit far above that.
        environment.put("ENROLL_RATE_LIMIT_RPS", "1000000");
        environment.put("ENROLL_RATE_LIMIT_BURST", "1000000");
        return ServerProcess.spawn(command(jvmOptions, List.of("serve")), environment, log);
    }

    /** Runs a command to its end; stdout lines go to {@code stdout} and are never logged (they may hold a secret). */
    private void run(List<String> args, Consumer<String> stdout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(List.of(), args));
        builder.environment().clear();
        builder.environment().putAll(environment());
        Process process = builder.start();
        process.getOutputStream().close();
        ProcessOutput out = ProcessOutput.drain(process.getInputStream(), "enroll-stdout", stdout);
        ProcessOutput err = ProcessOutput.drain(process.getErrorStream(), "enroll-stderr", line -> { });
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("enroll.jar " + args.get(0) + " did not finish in "
                    + COMMAND_TIMEOUT_SECONDS + " s");
        }
        out.ended().join();
        err.ended().join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("enroll.jar " + String.join(" ", args.subList(0, Math.min(2, args.size())))
                    + " exited with " + process.exitValue() + "; its log:\n" + err.lastLines());
        }
    }

    private List<String> command(List<String> jvmOptions, List<String> args) {
        return command(jar, jvmOptions, args);
    }

    /**
     * Lets the server pick free ports, for its API and its management server alike: the defaults
     * (8080, 9090) may be taken by a server running beside the benchmark.
     */
    static void onFreePorts(Map<String, String> environment) {
        environment.put("ENROLL_HTTP_PORT", "0");
        environment.put("ENROLL_MANAGEMENT_PORT", "0");
    }

    /**
     * The documented start command: {@code java @bootstrap/target/jvm.options -jar enroll.jar …}
     * (the options file sits beside the jar; without it, plain {@code java -jar}), then
     * {@code jvmOptions} of the run's own.
     */
    static List<String> command(Path jar, List<String> jvmOptions, List<String> args) {
        List<String> command = javaWithDocumentedOptions(jar);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    /** {@code java @jvm.options}: the options file the build writes beside the jar, when there is one. */
    static List<String> javaWithDocumentedOptions(Path jar) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        Path documented = jar.resolveSibling("jvm.options");
        if (Files.isRegularFile(documented)) {
            command.add("@" + documented);
        }
        return command;
    }

    /** The java this benchmark runs on, for the processes it starts. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Only what the jar needs, nothing inherited: an ENROLL_STORE=memory or a stray ENROLL_DB_URL in
     * the caller's shell must not point the benchmark somewhere else. PATH, HOME and the locale stay.
     */
    private Map<String, String> environment() {
        Map<String, String> environment = basicEnvironment();
        environment.put("ENROLL_DB_URL", database.url());
        environment.put("ENROLL_DB_USER", database.user());
        environment.put("ENROLL_DB_PASSWORD", database.password());
        return environment;
    }

    /** PATH, HOME and the locale of the caller's environment, and the PostgreSQL store; nothing else. */
    static Map<String, String> basicEnvironment() {
        Map<String, String> environment = new HashMap<>();
        for (String kept : List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR")) {
            String value = System.getenv(kept);
            if (value != null) {
                environment.put(kept, value);
            }
        }
        environment.put("ENROLL_STORE", "postgres");
        return environment;
    }
}
