package dev.enroll.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's side of the jar: migrate, partner administration, configuration errors, memory mode. */
class CommandLineIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void migrate_creates_the_database_and_is_repeatable() throws Exception {
        try (TestDatabase database = TestDatabase.reserve()) {
            JarProcess first = JarProcess.run(JarProcess.environmentFor(database), "migrate");
            assertThat(first.awaitExit()).as(first.stderr()).isZero();
            assertThat(first.stdout()).matches("Applied [1-9]\\d* migrations?; the database schema is up to date\\s*");
            assertThat(database.exists()).isTrue();

            JarProcess again = JarProcess.run(JarProcess.environmentFor(database), "migrate");
            assertThat(again.awaitExit()).isZero();
            assertThat(again.stdout().strip()).isEqualTo("Applied 0 migrations; the database schema is up to date");
        }
    }

    @Test
    void partner_credentials_are_issued_rotated_disabled_and_enabled_against_a_running_server() throws Exception {
        try (TestDatabase database = TestDatabase.reserve()) {
            Map<String, String> environment = JarProcess.environmentFor(database);
            JarProcess created = JarProcess.run(environment, "partner", "create", "--partner-id", "globex",
                    "--name", "Globex Mutual");
            assertThat(created.awaitExit()).as(created.stderr()).isZero();
            assertThat(created.stdout().strip()).matches(
                    "\\{\"partnerId\":\"globex\",\"clientId\":\"[^\"]+\",\"clientSecret\":\"[^\"]+\"}");
            String clientId = field(created.stdout(), "clientId");
            String firstSecret = field(created.stdout(), "clientSecret");

            JarProcess duplicate = JarProcess.run(environment, "partner", "create", "--partner-id", "globex");
            assertThat(duplicate.awaitExit()).isEqualTo(1);
            assertThat(duplicate.stdout()).isEmpty();
            assertThat(duplicate.stderr()).contains("enroll: A partner with id globex already exists");

            JarProcess listed = JarProcess.run(environment, "partner", "list");
            assertThat(listed.awaitExit()).isZero();
            assertThat(listed.stdout()).contains("globex", clientId, "yes", "Globex Mutual").doesNotContain(firstSecret);

            Map<String, String> serving = new HashMap<>(environment);
            serving.put("ENROLL_HTTP_PORT", "0");
            try (JarProcess server = JarProcess.start(serving, "serve")) {
                String api = "http://localhost:" + server.awaitListeningPort();
                HttpResponse<String> token = token(api, "globex", clientId, firstSecret);
                assertThat(token.statusCode()).isEqualTo(200);
                String accessToken = field(token.body(), "access_token");

                JarProcess rotated = JarProcess.run(environment, "partner", "rotate-secret", "--partner-id", "globex");
                assertThat(rotated.awaitExit()).isZero();
                String secondSecret = field(rotated.stdout(), "clientSecret");
                assertThat(secondSecret).isNotEqualTo(firstSecret);
                assertThat(field(rotated.stdout(), "clientId")).isEqualTo(clientId);
                assertThat(token(api, "globex", clientId, firstSecret).statusCode()).isEqualTo(401);
                HttpResponse<String> secondToken = token(api, "globex", clientId, secondSecret);
                assertThat(secondToken.statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(getUser(api, accessToken)
                        .statusCode()).as("token from before the rotation").isEqualTo(401));
                String rotatedToken = field(secondToken.body(), "access_token");
                assertThat(getUser(api, rotatedToken).statusCode()).as("token of the new secret").isEqualTo(404);

                JarProcess disabled = JarProcess.run(environment, "partner", "disable", "--partner-id", "globex");
                assertThat(disabled.awaitExit()).isZero();
                assertThat(disabled.stdout()).contains("globex is disabled");
                assertThat(token(api, "globex", clientId, secondSecret).statusCode()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(getUser(api, rotatedToken)
                        .statusCode()).as("token of a disabled partner").isEqualTo(401));

                JarProcess enabled = JarProcess.run(environment, "partner", "enable", "--partner-id", "globex");
                assertThat(enabled.awaitExit()).isZero();
                assertThat(enabled.stdout()).contains("globex is enabled");
                await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(getUser(api, rotatedToken)
                        .statusCode()).as("token of the re-enabled partner").isEqualTo(404));
                assertThat(server.terminate()).isZero();
            }
        }
    }

    @Test
    void a_bad_setting_stops_start_up_with_one_line_naming_the_key() throws Exception {
        JarProcess run = JarProcess.run(Map.of("ENROLL_HTTP_PORT", "eighty"), "serve");

        assertThat(run.awaitExit()).isEqualTo(2);
        assertThat(run.stderr().strip())
                .isEqualTo("enroll: ENROLL_HTTP_PORT must be a whole number from 0 to 65535, got 'eighty'");
    }

    /** The log's format and level are settings like any other: a --config file sets them too. */
    @Test
    void a_config_file_sets_the_log_format_and_level(@TempDir Path directory) throws Exception {
        // New databases: creating one is logged at INFO.
        try (TestDatabase database = TestDatabase.reserve(); TestDatabase other = TestDatabase.reserve()) {
            Path json = directory.resolve("json.properties");
            Files.writeString(json, "ENROLL_LOG_FORMAT=json\n");
            JarProcess migrated = JarProcess.run(JarProcess.environmentFor(database), "migrate", "--config", json.toString());
            assertThat(migrated.awaitExit()).as(migrated.stderr()).isZero();
            assertThat(migrated.stderrLines())
                    .as(migrated.stderr()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"time\":"));

            Path quiet = directory.resolve("quiet.properties");
            Files.writeString(quiet, "ENROLL_LOG_LEVEL=ERROR\n");
            JarProcess quietly = JarProcess.run(JarProcess.environmentFor(other), "migrate", "--config", quiet.toString());
            assertThat(quietly.awaitExit()).isZero();
            assertThat(quietly.stderrLines()).isEmpty();
        }
    }

    @Test
    void a_data_directory_that_cannot_hold_the_database_is_one_line_naming_the_key(@TempDir Path directory)
            throws Exception {
        Path file = Files.writeString(directory.resolve("a-file"), "not a directory");

        JarProcess run = JarProcess.run(Map.of("ENROLL_DATA_DIR", file.toString()), "migrate");

        assertThat(run.awaitExit()).isEqualTo(2);
        assertThat(run.stderr().strip()).startsWith("enroll: ENROLL_DATA_DIR " + file + " cannot hold the embedded PostgreSQL (")
                .doesNotContain("\n\tat ").doesNotContain("unexpected");
    }

    @Test
    void a_misspelt_setting_is_named_in_a_warning_and_its_value_is_not(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("a-file"), "not a directory");

        JarProcess run = JarProcess.run(Map.of("ENROLL_DB_PASWORD", "hunter2-secret", "ENROLL_DATA_DIR", file.toString()),
                "migrate");

        assertThat(run.awaitExit()).isEqualTo(2);
        assertThat(run.stderrLines()).anySatisfy(line -> assertThat(line).contains("WARN")
                .contains("Ignored, not Enroll settings").contains("ENROLL_DB_PASWORD"));
        assertThat(run.stderr() + run.stdout()).doesNotContain("hunter2-secret");
    }

    @Test
    void a_bad_log_level_stops_start_up_with_one_line_naming_the_key() throws Exception {
        JarProcess run = JarProcess.run(Map.of("ENROLL_LOG_LEVEL", "WARNN"), "serve");

        assertThat(run.awaitExit()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo(
                "enroll: ENROLL_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF, got 'WARNN'");
    }

    @Test
    void the_memory_store_serves_without_a_database_and_hands_out_demo_credentials() throws Exception {
        Map<String, String> environment = Map.of("ENROLL_STORE", "memory", "ENROLL_HTTP_PORT", "0",
                "ENROLL_DB_URL", "jdbc:postgresql://localhost:1/not-used");
        try (JarProcess server = JarProcess.start(environment, "serve")) {
            String api = "http://localhost:" + server.awaitListeningPort();
            String credentials = server.awaitFirstStdoutLine();
            assertThat(credentials).contains("\"partnerId\":\"demo\"");
            assertThat(server.stderr()).contains("nothing is kept");

            HttpResponse<String> token = token(api, "demo", field(credentials, "clientId"),
                    field(credentials, "clientSecret"));
            assertThat(token.statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(api + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(server.terminate()).isZero();
            assertThat(server.stderr()).doesNotContain(field(credentials, "clientSecret"));
        }
    }

    HttpResponse<String> token(String api, String partnerId, String clientId, String secret)
            throws Exception {
        String body = "{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + secret
                + "\",\"partnerId\":\"" + partnerId + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(api + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> getUser(String api, String accessToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + "/api/users/0190f3c4-8b2a-7c3d-9e4f-0a1b2c3d4e5f"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in output").isTrue();
        return matcher.group(1);
    }
}
