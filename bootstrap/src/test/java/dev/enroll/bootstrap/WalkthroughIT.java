package dev.enroll.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, kept: the packaged jar, started as a newcomer starts it, against a
 * database that does not exist yet, and the README's walkthrough block run word for word by bash.
 */
class WalkthroughIT {

    private static final Pattern WALKTHROUGH = Pattern.compile(
            "<!-- walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->", Pattern.DOTALL);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_readme_walkthrough_works_against_the_jar_on_a_fresh_database(@TempDir Path workDir) throws Exception {
        try (TestDatabase database = TestDatabase.reserve()) {
            assertThat(database.exists()).isFalse();
            Map<String, String> environment = new HashMap<>(JarProcess.environmentFor(database));
            environment.put("ENROLL_HTTP_PORT", "0");

            try (JarProcess server = JarProcess.start(environment, "serve")) {
                int port = server.awaitListeningPort();
                String api = "http://localhost:" + port;
                assertThat(database.exists()).as("serve creates the database on first run").isTrue();
                assertThat(get(api + "/health/live").statusCode()).isEqualTo(200);
                assertThat(get(api + "/health/ready").statusCode()).isEqualTo(200);

                environment.put("API", api);
                ScriptRun walkthrough = runWalkthrough(workDir, environment);

                assertThat(walkthrough.exitCode()).as(walkthrough.output()).isZero();
                String out = walkthrough.output();
                assertThat(out).contains("{\"partnerId\":\"acme\",\"clientId\":\"ck_");
                assertThat(out).contains("\"token_type\":\"Bearer\",\"expires_in\":3600,\"partner_id\":\"acme\","
                        + "\"scope\":\"admin\"}");
                assertThat(out).contains("\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\","
                        + "\"phone\":\"+15556667777\"");
                assertThat(out).contains("\"state\":\"TX\",\"country\":\"US\",\"zip\":\"78701\"");
                assertThat(out).contains("\"policyInfo\":{\"policyNumber\":\"POL-1001\","
                        + "\"startDate\":\"2026-01-01T00:00:00.000Z\",\"endDate\":\"2027-01-01T00:00:00.000Z\"}");
                assertThat(out).contains("\"email\":\"ada.lovelace@example.com\"", "\"city\":\"Dallas\"",
                        "\"emailVerified\":true");
                assertThat(out).contains("{\"error_code\":\"ERROR_INVALID_STATE_CODE\"", "\"field\":\"address.state\"");

                String userId = field(Files.readString(workDir.resolve("ada.json")), "id");
                HttpResponse<String> readBack = http.send(HttpRequest.newBuilder(URI.create(api + "/api/users/" + userId))
                        .header("Authorization", "Bearer " + field(Files.readString(workDir.resolve("token.json")),
                                "access_token")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(readBack.statusCode()).isEqualTo(200);
                assertThat(readBack.body()).contains("\"email\":\"ada.lovelace@example.com\"", "\"city\":\"Dallas\"");

                assertThat(server.terminate()).as("exit code after SIGTERM").isZero();
                String log = server.stderr();
                assertThat(log).contains("/api/users");
                String secret = field(Files.readString(workDir.resolve("acme.json")), "clientSecret");
                String token = field(Files.readString(workDir.resolve("token.json")), "access_token");
                assertThat(log).as("the server log never shows secrets, tokens or personal data")
                        .doesNotContain(secret, token, "+15556667777", "ada@example.com", "Lovelace",
                                "Analytical Way");
            }
        }
    }

    private ScriptRun runWalkthrough(Path workDir, Map<String, String> environment) throws Exception {
        Matcher block = WALKTHROUGH.matcher(Files.readString(Path.of(System.getProperty("enroll.readme")),
                StandardCharsets.UTF_8));
        assertThat(block.find()).as("README.md has a walkthrough block").isTrue();
        // The block uses the jar's path relative to the repository root; give it that layout.
        Path jarLink = workDir.resolve("bootstrap/target/enroll.jar");
        Files.createDirectories(jarLink.getParent());
        Files.createSymbolicLink(jarLink, JarProcess.jar().toAbsolutePath());

        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block.group(1))
                .directory(workDir.toFile()).redirectErrorStream(true);
        bash.environment().keySet().removeIf(name -> name.startsWith("ENROLL_"));
        bash.environment().putAll(environment);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new ScriptRun(process.exitValue(), output);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json.length() + " characters of JSON").isTrue();
        return matcher.group(1);
    }

    private record ScriptRun(int exitCode, String output) {
    }
}
