package dev.enroll.bootstrap;

import static dev.enroll.bootstrap.CommandLineIT.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without ENROLL_DB_URL: the embedded development PostgreSQL in ENROLL_DATA_DIR, one per directory. */
class EmbeddedDatabaseIT {

    private static final Pattern INITIALISING = Pattern.compile("Initialising the embedded development PostgreSQL");

    private final CommandLineIT api = new CommandLineIT();

    @Test
    void every_process_shares_one_server_and_the_data_outlives_it(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("enroll-data");
        Map<String, String> environment = Map.of("ENROLL_DATA_DIR", data.toString(), "ENROLL_HTTP_PORT", "0",
                "ENROLL_DB_POOL_SIZE", "4");
        String clientId;
        String secret;
        try (JarProcess server = JarProcess.start(environment, "serve")) {
            String url = "http://localhost:" + server.awaitListeningPort();
            assertThat(server.stderr()).contains("ENROLL_DB_URL is not set: using the embedded development PostgreSQL")
                    .contains("set ENROLL_DB_URL");
            long postmaster = postmasterPid(data);

            JarProcess created = JarProcess.run(environment, "partner", "create", "--partner-id", "acme");
            assertThat(created.awaitExit()).as(created.stderr()).isZero();
            assertThat(created.stderr()).contains("already running");
            assertThat(postmasterPid(data)).as("the same server, not a second one").isEqualTo(postmaster);
            clientId = field(created.stdout(), "clientId");
            secret = field(created.stdout(), "clientSecret");
            assertThat(api.token(url, "acme", clientId, secret).statusCode())
                    .as("the serving process sees the partner the other one created").isEqualTo(200);

            assertThat(server.terminate()).isZero();
        }
        assertThat(data.resolve("postgres/postmaster.pid")).as("the last one out stops the server").doesNotExist();

        try (JarProcess again = JarProcess.start(environment, "serve")) {
            String url = "http://localhost:" + again.awaitListeningPort();
            assertThat(api.token(url, "acme", clientId, secret).statusCode()).as("kept across a restart")
                    .isEqualTo(200);
            assertThat(again.terminate()).isZero();
        }
    }

    @Test
    void processes_starting_together_on_a_new_directory_initialise_it_once(@TempDir Path directory)
            throws Exception {
        Map<String, String> environment = Map.of("ENROLL_DATA_DIR", directory.resolve("enroll-data").toString());
        try (JarProcess first = JarProcess.start(environment, "partner", "create", "--partner-id", "first");
             JarProcess second = JarProcess.start(environment, "partner", "create", "--partner-id", "second")) {
            assertThat(first.awaitExit()).as(first.stderr()).isZero();
            assertThat(second.awaitExit()).as(second.stderr()).isZero();
            assertThat(count(first.stderr()) + count(second.stderr())).isEqualTo(1);
        }
        JarProcess listed = JarProcess.run(environment, "partner", "list");
        assertThat(listed.awaitExit()).as(listed.stderr()).isZero();
        assertThat(listed.stdout()).contains("first", "second");
    }

    private static long postmasterPid(Path data) throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8)
                .get(0).strip());
    }

    private static int count(String log) {
        Matcher matcher = INITIALISING.matcher(log);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
