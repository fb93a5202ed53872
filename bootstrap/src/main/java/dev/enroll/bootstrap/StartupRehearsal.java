package dev.enroll.bootstrap;

import dev.enroll.bootstrap.cli.Cli;
import dev.enroll.bootstrap.cli.CliContext;
import dev.enroll.bootstrap.config.Config;
import dev.enroll.bootstrap.wiring.Logging;
import dev.enroll.bootstrap.wiring.RunningService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One start of the server as {@code serve} starts it, through the same command line ({@link Cli}),
 * up to its first {@code 200} from {@code /health/ready}, then a stop. The build runs it once
 * with {@code -XX:DumpLoadedClassList} and archives every class the start loaded, picocli's
 * included, in the AppCDS archive that {@code bootstrap/target/jvm.options} names
 * (bootstrap/pom.xml; docs/benchmark.md, "Start-up and memory").
 * It starts on a new embedded database, so the archive holds what creating and migrating one
 * loads too; where the embedded database cannot run (a platform whose binaries this build does
 * not carry), it rehearses with the memory store, and the archive covers less.
 */
public final class StartupRehearsal {

    private StartupRehearsal() {
    }

    /** {@code args[0]}: a directory for the rehearsal's embedded database, deleted afterwards. */
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        try {
            String failure = rehearse(Map.of(Config.DATA_DIR, data.toString(), Config.HTTP_PORT, "0",
                    Config.MANAGEMENT_PORT, "0", Config.DB_POOL_SIZE, "2"));
            if (!failure.isEmpty()) {
                System.err.println("Start-up rehearsal on the embedded PostgreSQL failed (" + failure
                        + "); rehearsing with the memory store");
                failure = rehearse(Map.of(Config.STORE, "memory", Config.HTTP_PORT, "0", Config.MANAGEMENT_PORT, "0"));
                if (!failure.isEmpty()) {
                    throw new IllegalStateException("Start-up rehearsal failed: " + failure);
                }
            }
        } finally {
            if (Files.exists(data)) {
                deleteTree(data);
            }
            Logging.flush();
        }
    }

    private static void deleteTree(Path data) throws IOException {
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Runs {@code serve} with {@code settings} as its environment; answers what it wrote on stderr if it failed. */
    private static String rehearse(Map<String, String> settings) {
        StringWriter err = new StringWriter();
        int exit = Cli.commandLine(new CliContext(settings, new PrintWriter(Writer.nullWriter()), new PrintWriter(err),
                StartupRehearsal::untilReady)).execute("serve");
        return exit == 0 ? "" : "exit " + exit + ": " + err.toString().strip();
    }

    private static void untilReady(Supplier<RunningService> start) throws IOException, InterruptedException {
        try (RunningService service = start.get()) {
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + service.port() + "/health/ready"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() != 200) {
                throw new IllegalStateException("/health/ready answered " + ready.statusCode());
            }
        }
    }
}
