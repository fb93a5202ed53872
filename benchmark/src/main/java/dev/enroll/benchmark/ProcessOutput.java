package dev.enroll.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One output stream of a child process, read as it comes on its own thread: a pipe nobody reads
 * fills up and stalls the server mid-benchmark. The last lines are kept for error messages;
 * every line also goes to a listener.
 */
final class ProcessOutput {

    private static final int KEPT_LINES = 40;

    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private ProcessOutput() {
    }

    static ProcessOutput drain(InputStream stream, String threadName, Consumer<String> listener) {
        ProcessOutput output = new ProcessOutput();
        Thread thread = new Thread(() -> output.read(stream, listener), threadName);
        thread.setDaemon(true);
        thread.start();
        return output;
    }

    private void read(InputStream stream, Consumer<String> listener) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
                listener.accept(line);
            }
        } catch (IOException e) {
            // The process went away; what was read is all there is.
        } finally {
            ended.complete(null);
        }
    }

    CompletableFuture<Void> ended() {
        return ended;
    }

    String lastLines() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }
}
