package dev.enroll.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator's view of the packaged jar: after one create, the management port shows the
 * series operators alert on, and with {@code ENROLL_LOG_FORMAT=json} every log line is one JSON
 * object with the request's facts and nothing secret or personal.
 */
class ObservabilityIT {

    private static final Pattern MANAGEMENT = Pattern.compile("management port, [^:]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+15558675309";
    private static final String EMAIL = "grace.hopper@example.com";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void after_one_create_the_management_port_shows_the_series_and_every_log_line_is_json_without_secrets()
            throws Exception {
        try (TestDatabase database = TestDatabase.reserve()) {
            Map<String, String> environment = new HashMap<>(JarProcess.environmentFor(database));
            JarProcess partner = JarProcess.run(environment, "partner", "create", "--partner-id", "initech");
            assertThat(partner.awaitExit()).as(partner.stderr()).isZero();
            String clientId = field(partner.stdout(), "clientId");
            String secret = field(partner.stdout(), "clientSecret");
            environment.put("ENROLL_HTTP_PORT", "0");
            environment.put("ENROLL_LOG_FORMAT", "json");

            try (JarProcess server = JarProcess.start(environment, "serve")) {
                int apiPort = server.awaitListeningPort();
                String api = "http://localhost:" + apiPort;
                Matcher management = MANAGEMENT.matcher(server.stderr());
                assertThat(management.find()).as(server.stderr()).isTrue();
                String metricsUrl = "http://127.0.0.1:" + management.group(1) + "/metrics";

                String token = field(post(api + "/api/auth/token", null, "{\"clientId\":\"" + clientId
                        + "\",\"clientSecret\":\"" + secret + "\",\"partnerId\":\"initech\"}").body(), "access_token");
                HttpResponse<String> created = post(api + "/api/users", token, "{\"firstName\":\"Grace\","
                        + "\"lastName\":\"Hopper\",\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\","
                        + "\"address\":{\"state\":\"VA\"}}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
                HttpResponse<String> metrics = get(metricsUrl);

                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body())
                        .containsPattern("http_server_requests_seconds_bucket\\{[^}]*method=\"POST\",route=\"/api/users\""
                                + ",status=\"200\"")
                        .contains("enroll_user_writes_total{outcome=\"created\"} 1.0",
                                "enroll_token_requests_total{outcome=\"issued\"} 1.0")
                        .containsPattern("hikaricp_connections_active\\{pool=\"enroll-postgres\"}")
                        .containsPattern("hikaricp_connections_idle\\{pool=\"enroll-postgres\"}")
                        .containsPattern("hikaricp_connections_pending\\{pool=\"enroll-postgres\"}")
                        .containsPattern("hikaricp_connections_timeout_total\\{pool=\"enroll-postgres\"}")
                        // The one create committed alone: one group, of one write.
                        .containsPattern("enroll_user_write_group_size_bucket\\{le=\"1(\\.0)?\"} 1\\n")
                        .containsPattern("enroll_user_write_group_size_count 1\\n")
                        .contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads")
                        .contains("enroll_log_lines_dropped_total 0.0");
                assertThat(get(api + "/metrics").statusCode()).as("metrics are not served with the API").isEqualTo(404);
                // A request the HTTP parser refuses: Jetty's warning would quote the second Host header.
                assertThat(rawAnswer(apiPort, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nHost: " + EMAIL
                        + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 400");
                assertThat(server.terminate()).isZero();

                List<JsonNode> lines = new ArrayList<>();
                for (String line : server.stderrLines()) {
                    JsonNode parsed = JSON.readTree(line);
                    assertThat(parsed.isObject()).as("one JSON object per line: " + line).isTrue();
                    assertThat(parsed.path("time").asText()).as(line).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
                    assertThat(parsed.has("level") && parsed.has("logger") && parsed.has("message")).as(line).isTrue();
                    lines.add(parsed);
                }
                JsonNode access = lines.stream()
                        .filter(l -> l.path("logger").asText().equals("enroll.access")
                                && l.path("route").asText().equals("/api/users"))
                        .findFirst().orElseThrow(() -> new AssertionError("no access line for the create"));
                assertThat(access.path("method").asText()).isEqualTo("POST");
                assertThat(access.path("status").asInt()).isEqualTo(200);
                assertThat(access.path("partner_id").asText()).isEqualTo("initech");
                assertThat(access.path("request_id").asText()).isEqualTo(created.headers().firstValue("X-Request-Id")
                        .orElseThrow());
                assertThat(access.path("duration_ms").isNumber()).isTrue();
                assertThat(server.stderr()).as("no secrets, tokens or personal data in the JSON log")
                        .doesNotContain(secret, token, PHONE, EMAIL, "Hopper", "Grace");
            }
        }
    }

    private static String rawAnswer(int port, String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in output").isTrue();
        return matcher.group(1);
    }
}
