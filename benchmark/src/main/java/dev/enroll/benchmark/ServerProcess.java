package dev.enroll.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code enroll.jar serve} as a child process: when it spawned, the port it says it listens on,
 * its memory, and an orderly stop (SIGTERM). Its log goes to a file, except the access log's
 * one line per request, which is only counted: a million of those would fill the disk and say
 * nothing the results do not.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    private static final String ACCESS_LOGGER = " enroll.access ";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final long spawnedAt;
    private final CompletableFuture<Long> listeningAt = new CompletableFuture<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final AtomicLong accessLines = new AtomicLong();
    private final BufferedWriter log;
    private final ProcessOutput stderr;

    private ServerProcess(Process process, long spawnedAt, BufferedWriter log) {
        this.process = process;
        this.spawnedAt = spawnedAt;
        this.log = log;
        ProcessOutput.drain(process.getInputStream(), "server-stdout", this::logLine);
        this.stderr = ProcessOutput.drain(process.getErrorStream(), "server-stderr", this::onStderr);
        stderr.ended().thenRun(() -> port.completeExceptionally(new IllegalStateException("the server exited")));
    }

    static ServerProcess spawn(List<String> command, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        // Start-up is measured from here: the moment the operator's command would be typed.
        long spawnedAt = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        return new ServerProcess(process, spawnedAt, writer);
    }

    /**
     * Waits for the port line, then polls {@code GET /health/ready} until it answers 200; both
     * times run from the spawn.
     */
    Startup awaitReady(Duration requestTimeout) throws IOException, InterruptedException {
        int bound;
        try {
            bound = port.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the server never said which port it listens on; its log:\n"
                    + stderr.lastLines());
        }
        ApiClient probe = ApiClient.local(bound, requestTimeout);
        long giveUpAt = spawnedAt + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < giveUpAt) {
            try {
                if (probe.status("/health/ready") == 200) {
                    long readyAt = System.nanoTime();
                    return new Startup(Duration.ofNanos(listeningAt.join() - spawnedAt),
                            Duration.ofNanos(readyAt - spawnedAt));
                }
            } catch (IOException e) {
                // Not accepting yet: try again shortly.
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited during start-up; its log:\n" + stderr.lastLines());
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("/health/ready did not answer 200 within " + READY_TIMEOUT.toSeconds() + " s");
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port.join();
    }

    ResidentMemory residentMemory() throws IOException {
        return ResidentMemory.of(process.pid());
    }

    long accessLogLines() {
        return accessLines.get();
    }

    /** Sends SIGTERM and waits for an orderly exit; forces it only when that does not come. Answers the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        stderr.ended().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        closeLog();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Stops the server if it still runs; an interrupt cuts the wait short and forces the stop. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        closeLog();
    }

    private void onStderr(String line) {
        if (!port.isDone()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                listeningAt.complete(System.nanoTime());
                port.complete(Integer.parseInt(m.group(1)));
            }
        }
        if (line.contains(ACCESS_LOGGER)) {
            accessLines.incrementAndGet();
        } else {
            logLine(line);
        }
    }

    private void logLine(String line) {
        synchronized (log) {
            try {
                log.write(line);
                log.newLine();
            } catch (IOException e) {
                // Closed at the stop, or the disk is full: the log is for reading afterwards, the
                // drain must go on regardless, or the server blocks on a full pipe.
            }
        }
    }

    private void closeLog() {
        synchronized (log) {
            try {
                log.close();
            } catch (IOException e) {
                // Nothing more to write: the run's results do not depend on the log.
            }
        }
    }
}
