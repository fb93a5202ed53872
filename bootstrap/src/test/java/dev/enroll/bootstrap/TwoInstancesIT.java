package dev.enroll.bootstrap;

import static dev.enroll.bootstrap.CommandLineIT.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the jar behind one imaginary load balancer, on one database: what
 * docs/scaling.md says holds across instances, checked with two real processes.
 */
class TwoInstancesIT {

    private static final int RACERS = 16;

    private final HttpClient http = HttpClient.newHttpClient();
    private final CommandLineIT api = new CommandLineIT();

    @Test
    void instances_on_one_database_share_keys_identities_and_partner_state() throws Exception {
        try (TestDatabase database = TestDatabase.reserve()) {
            Map<String, String> environment = new HashMap<>(JarProcess.environmentFor(database));
            environment.put("ENROLL_HTTP_PORT", "0");
            // Both start together on a database that does not exist yet: created and migrated once.
            try (JarProcess a = JarProcess.start(environment, "serve");
                 JarProcess b = JarProcess.start(environment, "serve")) {
                String apiA = "http://localhost:" + a.awaitListeningPort();
                String apiB = "http://localhost:" + b.awaitListeningPort();

                JarProcess created = JarProcess.run(environment, "partner", "create", "--partner-id", "acme");
                assertThat(created.awaitExit()).as(created.stderr()).isZero();
                HttpResponse<String> issued = api.token(apiA, "acme", field(created.stdout(), "clientId"),
                        field(created.stdout(), "clientSecret"));
                assertThat(issued.statusCode()).isEqualTo(200);
                String token = field(issued.body(), "access_token");

                List<CompletableFuture<HttpResponse<String>>> racers = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    racers.add(createUser(i % 2 == 0 ? apiA : apiB, token, "+15550001234"));
                }
                List<Integer> statuses = racers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)
                        .toList();
                assertThat(statuses).as("a token from A works on B; one phone, one user across instances")
                        .containsOnly(200, 409).filteredOn(status -> status == 200).hasSize(1);
                String userId = racers.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200)
                        .map(r -> field(r.body(), "id")).findFirst().orElseThrow();
                assertThat(get(apiA, token, userId).statusCode()).isEqualTo(200);
                assertThat(get(apiB, token, userId).statusCode()).isEqualTo(200);

                assertThat(createUser(apiB, token, "+15550005678").join().statusCode()).isEqualTo(200);
                String cursor = field(list(apiA, token, "limit=1").body(), "nextCursor");
                HttpResponse<String> nextPage = list(apiB, token, "limit=1&cursor=" + cursor);
                assertThat(nextPage.statusCode()).as("a list cursor from A pages on at B").isEqualTo(200);
                assertThat(nextPage.body()).contains("+15550005678").doesNotContain(userId);

                JarProcess disabled = JarProcess.run(environment, "partner", "disable", "--partner-id", "acme");
                assertThat(disabled.awaitExit()).as(disabled.stderr()).isZero();
                // Each instance hears of it by NOTIFY: within a second, not before the CLI exits (docs/scaling.md).
                await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(get(apiA, token, userId).statusCode()).as("disabled, on A").isEqualTo(401);
                    assertThat(get(apiB, token, userId).statusCode()).as("disabled, on B").isEqualTo(401);
                });

                assertThat(a.terminate()).isZero();
                assertThat(b.terminate()).isZero();
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> createUser(String api, String token, String phone) {
        String body = "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"phone\":\"" + phone
                + "\",\"address\":{\"state\":\"TX\"}}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create(api + "/api/users"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String api, String token, String userId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + "/api/users/" + userId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> list(String api, String token, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api + "/api/users?" + query))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
