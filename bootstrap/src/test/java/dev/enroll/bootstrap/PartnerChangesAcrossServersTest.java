package dev.enroll.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.bootstrap.cli.Cli;
import dev.enroll.bootstrap.cli.CliContext;
import dev.enroll.bootstrap.config.Config;
import dev.enroll.bootstrap.wiring.RunningService;
import dev.enroll.bootstrap.wiring.Wiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one database, and the partner commands run as the command line runs them: a
 * change made by an operator reaches every running server within a second, though each serves
 * partners from its own cache.
 */
class PartnerChangesAcrossServersTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static TestDatabase database;
    private static Map<String, String> environment;
    private static List<RunningService> servers;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoServers() {
        database = TestDatabase.create();
        environment = new HashMap<>(JarProcess.environmentFor(database));
        environment.put(Config.HTTP_PORT, "0");
        // Two servers in one JVM: each needs a management port of its own, not the default 9090.
        environment.put(Config.MANAGEMENT_PORT, "0");
        Config config = Config.load(environment, Optional.empty());
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        servers = List.of(Wiring.serve(config, quiet), Wiring.serve(config, quiet));
    }

    @AfterAll
    static void stopServers() {
        servers.forEach(RunningService::close);
        database.close();
    }

    @Test
    void a_partner_disabled_from_the_command_line_is_refused_by_every_server_within_a_second() throws Exception {
        String partnerId = "disabled-" + SEQUENCE.incrementAndGet();
        JsonNode credentials = cli("partner", "create", "--partner-id", partnerId);
        String token = token(servers.get(0), credentials);
        String userId = createUser(servers.get(0), token);
        // Both servers have the partner cached now.
        for (RunningService server : servers) {
            assertThat(getUser(server, token, userId)).isEqualTo(200);
        }

        cli("partner", "disable", "--partner-id", partnerId);

        everyServerWithin(WITHIN, token, userId, 401);

        cli("partner", "enable", "--partner-id", partnerId);

        everyServerWithin(WITHIN, token, userId, 200);
    }

    @Test
    void tokens_issued_before_a_rotation_are_refused_by_every_server_within_a_second() throws Exception {
        String partnerId = "rotated-" + SEQUENCE.incrementAndGet();
        JsonNode first = cli("partner", "create", "--partner-id", partnerId);
        String oldToken = token(servers.get(0), first);
        String userId = createUser(servers.get(1), oldToken);
        for (RunningService server : servers) {
            assertThat(getUser(server, oldToken, userId)).isEqualTo(200);
        }

        JsonNode second = cli("partner", "rotate-secret", "--partner-id", partnerId);

        everyServerWithin(WITHIN, oldToken, userId, 401);
        String newToken = token(servers.get(1), second);
        for (RunningService server : servers) {
            assertThat(getUser(server, newToken, userId)).as("server on port %d", server.port()).isEqualTo(200);
        }
    }

    /** Waits until every server answers {@code status} to reading the user with {@code token}; fails after {@code limit}. */
    private void everyServerWithin(Duration limit, String token, String userId, int status) {
        await().atMost(limit).untilAsserted(() -> {
            for (RunningService server : servers) {
                assertThat(getUser(server, token, userId)).as("server on port %d", server.port()).isEqualTo(status);
            }
        });
    }

    /** Runs a partner command as {@code enroll} would, and answers what it printed (JSON when it printed JSON). */
    private static JsonNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.commandLine(new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true)))
                .execute(args);
        assertThat(exit).as(String.join(" ", args) + ": " + err).isZero();
        String printed = out.toString().strip();
        return printed.startsWith("{") ? JSON.readTree(printed) : JSON.getNodeFactory().textNode(printed);
    }

    private String token(RunningService server, JsonNode credentials) throws Exception {
        String body = JSON.createObjectNode().put("partnerId", credentials.path("partnerId").asText())
                .put("clientId", credentials.path("clientId").asText())
                .put("clientSecret", credentials.path("clientSecret").asText()).toString();
        HttpResponse<String> answer = send(server, "/api/auth/token", null, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("access_token").asText();
    }

    private String createUser(RunningService server, String token) throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String body = "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"phone\":\"" + String.format("+1555%07d", n)
                + "\",\"address\":{\"state\":\"CA\",\"country\":\"US\"}}";
        HttpResponse<String> answer = send(server, "/api/users", token, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("id").asText();
    }

    private int getUser(RunningService server, String token, String userId) throws Exception {
        return send(server, "/api/users/" + userId, token, null).statusCode();
    }

    private HttpResponse<String> send(RunningService server, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
