package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What operators see on the management port: requests by route template, creates and token
 * requests by outcome, the probes; and none of it on the API's port.
 */
class MetricsTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void the_management_port_shows_requests_by_route_and_creates_and_tokens_by_outcome() throws Exception {
        try (TestApi api = TestApi.start()) {
            ManagementServer management = new ManagementServer(api.meters, () -> true);
            int port = management.start("127.0.0.1", 0);
            try {
                PartnerKeys partner = api.newPartner();
                String token = api.adminToken(partner);
                ObjectNode body = TestApi.newUser();
                String id = api.createUser(body, token).id();
                api.post("/api/users?returnExistingUserIfExists=true", body, token);
                api.post("/api/users", body, token);
                api.post("/api/users", TestApi.newUser().put("phone", "not a phone"), token);
                api.get("/api/users/" + id, token);
                // Ten failed checks are allowed a minute (the default); the eleventh request is throttled.
                for (int failed = 0; failed < 10; failed++) {
                    api.post("/api/auth/token", TestApi.tokenRequest(partner).put("clientSecret", "wrong"));
                }
                api.post("/api/auth/token", TestApi.tokenRequest(partner).put("clientSecret", "wrong"));

                HttpResponse<String> metrics = get(port, "/metrics");

                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain"));
                assertThat(metrics.headers().firstValue("X-Content-Type-Options")).as("never sniffed as a page")
                        .hasValue("nosniff");
                assertThat(metrics.headers().firstValue("Cache-Control")).hasValue("no-store");
                String text = metrics.body();
                assertThat(text).containsPattern("http_server_requests_seconds_bucket\\{[^}]*method=\"GET\""
                        + "[^}]*route=\"/api/users/\\{userId}\"[^}]*status=\"200\"");
                assertThat(text).containsPattern("http_server_requests_seconds_count\\{method=\"POST\","
                        + "route=\"/api/users\",status=\"409\"} 1");
                assertThat(text).contains("enroll_user_writes_total{outcome=\"created\"} 1.0",
                        "enroll_user_writes_total{outcome=\"returned_existing\"} 1.0",
                        "enroll_user_writes_total{outcome=\"conflict\"} 1.0",
                        "enroll_user_writes_total{outcome=\"rejected\"} 1.0",
                        "enroll_token_requests_total{outcome=\"issued\"} 1.0",
                        "enroll_token_requests_total{outcome=\"unauthorized\"} 10.0",
                        "enroll_token_requests_total{outcome=\"throttled\"} 1.0",
                        "enroll_token_requests_total{outcome=\"failed\"} 0.0");
                assertThat(text).as("never a raw path, user id, partner id or secret")
                        .doesNotContain(id, partner.partnerId(), partner.clientSecret(), token);
                assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
                assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
                assertThat(api.get("/metrics", null).status()).as("not on the API's port").isEqualTo(404);
            } finally {
                management.stop();
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
