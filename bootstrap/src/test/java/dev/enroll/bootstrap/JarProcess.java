package dev.enroll.bootstrap;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar enroll.jar …} as a child process, its output collected as it comes, so a test
 * can wait for a line (never a sleep) and read everything the process said afterwards.
 */
final class JarProcess implements AutoCloseable {

    /** Starts the note written where the output broke off (a kill closes the streams early). */
    private static final String OUTPUT_LOST = "[output lost: ";
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<String> firstStdoutLine = new CompletableFuture<>();
    private final List<Thread> drains = new ArrayList<>();

    private JarProcess(Process process) {
        this.process = process;
        drains.add(drain(process.getInputStream(), stdout));
        drains.add(drain(process.getErrorStream(), stderr));
    }

    /** The environment that points enroll.jar at {@code database}, which it creates if it must. */
    static Map<String, String> environmentFor(TestDatabase database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ENROLL_DB_URL", database.jdbcUrl());
        environment.put("ENROLL_DB_USER", database.user());
        environment.put("ENROLL_DB_PASSWORD", database.password() == null ? "" : database.password());
        environment.put("ENROLL_DB_POOL_SIZE", String.valueOf(TestDatabase.POOL_SIZE));
        return environment;
    }

    static Path jar() {
        return Path.of(System.getProperty("enroll.jar", "target/enroll.jar"));
    }

    static JarProcess start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only the test's settings: not the caller's shell's, nor the test run's own (ENROLL_TEST_…).
        builder.environment().keySet().removeIf(name -> name.startsWith("ENROLL_"));
        // Any free management port unless a test picks one: 9090 may be taken by a test running beside it.
        builder.environment().put("ENROLL_MANAGEMENT_PORT", "0");
        builder.environment().putAll(environment);
        return new JarProcess(builder.start());
    }

    /** Runs a command to its end and returns it, with its output complete. */
    static JarProcess run(Map<String, String> environment, String... args) throws Exception {
        JarProcess process = start(environment, args);
        process.awaitExit();
        return process;
    }

    int awaitListeningPort() throws Exception {
        return port.get(90, TimeUnit.SECONDS);
    }

    /** The first line the process printed on stdout (the two streams are read independently). */
    String awaitFirstStdoutLine() throws Exception {
        return firstStdoutLine.get(90, TimeUnit.SECONDS);
    }

    int awaitExit() throws Exception {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("enroll.jar did not exit in time; stderr:\n" + stderr);
        }
        for (Thread drain : drains) {
            drain.join(TimeUnit.SECONDS.toMillis(10));
        }
        return process.exitValue();
    }

    /**
     * Sends SIGTERM, as a process supervisor would, and waits for the exit code. Through the
     * process handle: {@code Process.destroy()} also closes this side's pipes at once, which would
     * lose whatever the process says while it stops.
     */
    int terminate() throws Exception {
        process.toHandle().destroy();
        return awaitExit();
    }

    /** Sends SIGKILL: the process gets no chance to finish anything. */
    int kill() throws Exception {
        process.destroyForcibly();
        return awaitExit();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /** The lines the process wrote to stderr, without this class's notes of output it could not read. */
    List<String> stderrLines() {
        return stderr().lines().filter(line -> !line.startsWith(OUTPUT_LOST)).toList();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private Thread drain(InputStream stream, StringBuffer sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.append(line).append('\n');
                    if (sink == stdout) {
                        firstStdoutLine.complete(line);
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                sink.append(OUTPUT_LOST).append(e.getMessage()).append("]\n");
            }
            IllegalStateException ended = new IllegalStateException("enroll.jar's output ended:\n" + stderr);
            port.completeExceptionally(ended);
            if (sink == stdout) {
                firstStdoutLine.completeExceptionally(ended);
            }
        }, "jar-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
