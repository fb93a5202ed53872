package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.enroll.application.port.in.ConcurrentUpdateException;
import dev.enroll.application.port.in.CreateUserUseCase;
import dev.enroll.application.port.in.UpdateUserUseCase;
import dev.enroll.application.port.out.StoreHealth;
import dev.enroll.application.port.out.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What operators and the platform rely on: probes, failures, request ids, the access log, graceful stop. */
class OperationsTest {

    private static HttpUseCases withHealth(HttpUseCases u, StoreHealth health) {
        return new HttpUseCases(u.createUser(), u.createUserWithPolicy(), u.updateUser(), u.updatePolicy(),
                u.getUser(), u.authenticatePartner(), health, u.listUsers(), u.deleteUser(), u.idempotentRequests(), u.importUsers());
    }

    /** Creates that say they have begun ({@code entered}), then wait for {@code release} (30 s at most). */
    static HttpUseCases withCreateHeld(HttpUseCases u, CountDownLatch entered, CountDownLatch release) {
        return withCreateUser(u, command -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return u.createUser().create(command);
        });
    }

    static HttpUseCases withCreateUser(HttpUseCases u, CreateUserUseCase createUser) {
        return new HttpUseCases(createUser, u.createUserWithPolicy(), u.updateUser(), u.updatePolicy(),
                u.getUser(), u.authenticatePartner(), u.storeHealth(), u.listUsers(), u.deleteUser(), u.idempotentRequests(), u.importUsers());
    }

    private static HttpUseCases withUpdateUser(HttpUseCases u, UpdateUserUseCase updateUser) {
        return new HttpUseCases(u.createUser(), u.createUserWithPolicy(), updateUser, u.updatePolicy(),
                u.getUser(), u.authenticatePartner(), u.storeHealth(), u.listUsers(), u.deleteUser(), u.idempotentRequests(), u.importUsers());
    }

    @Test
    void liveness_and_readiness_answer_without_credentials_when_the_store_is_ready() {
        try (TestApi api = TestApi.start()) {
            Reply live = api.get("/health/live", null);
            Reply ready = api.get("/health/ready", null);

            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().get("status").asText()).isEqualTo("UP");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void readiness_is_503_while_the_store_is_not_ready_or_its_check_fails_but_liveness_stays_200() {
        try (TestApi notReady = TestApi.withUseCases(u -> withHealth(u, () -> false));
             TestApi failing = TestApi.withUseCases(u -> withHealth(u, () -> {
                 throw new StoreUnavailableException("pool exhausted", null);
             }))) {
            for (TestApi api : new TestApi[] {notReady, failing}) {
                Reply ready = api.get("/health/ready", null);
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("status").asText()).isEqualTo("DOWN");
                assertThat(api.get("/health/live", null).status()).isEqualTo(200);
            }
        }
    }

    /** As a load balancer probes with HEAD (HAProxy's httpchk) and a client checks a user exists. */
    @Test
    void a_head_request_is_answered_as_its_get_would_be_without_the_body() throws Exception {
        try (TestApi api = TestApi.start();
             TestApi notReady = TestApi.withUseCases(u -> withHealth(u, () -> false))) {
            String token = api.adminToken(api.newPartner());
            String user = "/api/users/" + api.createUser(TestApi.newUser(), token).json().get("id").asText();
            Reply get = api.get(user, token);

            RawHttp.Answer found = head(api.port, user, token);
            RawHttp.Answer unknown = head(api.port, "/api/users/0190f3c4-8b2a-7c3d-9e4f-0a1b2c3d4e5f", token);
            RawHttp.Answer anonymous = head(api.port, user, null);
            RawHttp.Answer ready = head(api.port, "/health/ready", null);
            RawHttp.Answer down = head(notReady.port, "/health/ready", null);

            assertThat(found.status()).isEqualTo(200);
            assertThat(found.headers().firstValue("ETag")).isEqualTo(get.raw().headers().firstValue("ETag"));
            assertThat(found.headers().firstValue("Content-Type")).isEqualTo(get.raw().headers().firstValue("Content-Type"));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(down.status()).isEqualTo(503);
            assertThat(List.of(found, unknown, anonymous, ready, down)).allSatisfy(a -> assertThat(a.body()).isEmpty());

            ManagementServer management = new ManagementServer(notReady.meters, () -> false);
            try {
                int port = management.start("127.0.0.1", 0);
                // Not the API's document (no request ids there): only the status is the point.
                HttpResponse<Void> managementDown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(managementDown.statusCode()).as("HEAD on the management port").isEqualTo(503);
            } finally {
                management.stop();
            }
        }
    }

    private static RawHttp.Answer head(int port, String path, String token) throws IOException {
        return RawHttp.send(port, "HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n");
    }

    @Test
    void an_unexpected_failure_is_a_500_with_an_error_id_that_is_logged_and_nothing_internal()
            throws InterruptedException {
        try (TestApi api = TestApi.withUseCases(u -> withCreateUser(u, command -> {
            throw new IllegalStateException("password=hunter2 host=db.internal");
        })); CapturedLog errors = CapturedLog.of("dev.enroll.adapter.http.ErrorMapping")) {
            String token = api.adminToken(api.newPartner());

            Reply reply = api.post("/api/users", TestApi.newUser(), token);

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.errorCode()).isEqualTo("INTERNAL_SERVER_ERROR");
            assertThat(CreateUserTest.fieldNames(reply.json()))
                    .containsExactly("error_code", "error_message", "errors", "error_id");
            String errorId = reply.json().get("error_id").asText();
            assertThat(errorId).matches("[0-9a-f-]{36}");
            assertThat(reply.body()).doesNotContain("hunter2").doesNotContain("db.internal")
                    .doesNotContain("IllegalStateException").doesNotContain("dev.enroll");
            ILoggingEvent logged = errors.await(e -> e.getFormattedMessage().contains(errorId));
            assertThat(logged.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        }
    }

    @Test
    void no_more_requests_than_the_request_threads_are_worked_on_at_once_and_the_rest_wait_their_turn()
            throws Exception {
        int threads = 2;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch moreThanAllowed = new CountDownLatch(1);
        try (TestApi api = TestApi.withRequestThreads(threads, u -> withCreateUser(u, command -> {
            int now = inFlight.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            try {
                if (now > threads) {
                    moreThanAllowed.countDown();
                }
                // Holds the request until a third runs beside it: without the limit that happens at once.
                moreThanAllowed.await(100, TimeUnit.MILLISECONDS);
                return u.createUser().create(command);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }))) {
            String token = api.adminToken(api.newPartner());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    replies.add(clients.submit(() -> api.post("/api/users", TestApi.newUser(), token)));
                }

                for (Future<Reply> reply : replies) {
                    assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(peak.get()).isEqualTo(threads);
        }
    }

    @Test
    void an_unavailable_store_is_a_503_with_retry_after() {
        try (TestApi api = TestApi.withUseCases(u -> withCreateUser(u, command -> {
            throw new StoreUnavailableException("connection to db.internal:5432 refused", new SQLException("x"));
        }))) {
            String token = api.adminToken(api.newPartner());

            Reply reply = api.post("/api/users", TestApi.newUser(), token);

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.errorCode()).isEqualTo("ERROR_SERVICE_UNAVAILABLE");
            assertThat(reply.header("Retry-After")).contains("5");
            assertThat(reply.body()).doesNotContain("db.internal");
        }
    }

    @Test
    void an_update_that_keeps_losing_races_is_a_409_concurrent_update() {
        try (TestApi api = TestApi.withUseCases(u -> withUpdateUser(u, command -> {
            throw new ConcurrentUpdateException();
        }))) {
            String token = api.adminToken(api.newPartner());
            String id = api.createUser(TestApi.newUser(), token).id();

            Reply reply = api.put("/api/users/" + id, "{\"firstName\":\"Grace\"}", token);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.errorCode()).isEqualTo("ERROR_CONCURRENT_UPDATE");
        }
    }

    @Test
    void echoes_a_safe_request_id_and_replaces_an_unsafe_or_missing_one() {
        try (TestApi api = TestApi.start()) {
            Reply sent = api.send(api.request("/health/live").header("X-Request-Id", "abc-123_X.y:z").GET().build());
            Reply unsafe = api.send(api.request("/health/live").header("X-Request-Id", "a<script>").GET().build());
            Reply tooLong = api.send(api.request("/health/live").header("X-Request-Id", "a".repeat(129)).GET().build());
            Reply none = api.get("/health/live", null);

            assertThat(sent.header("X-Request-Id")).contains("abc-123_X.y:z");
            assertThat(unsafe.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
            assertThat(tooLong.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
            assertThat(none.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        }
    }

    @Test
    void logs_one_access_line_per_request_with_the_route_template_and_no_personal_data()
            throws InterruptedException {
        try (TestApi api = TestApi.start(); CapturedLog access = CapturedLog.of("enroll.access")) {
            PartnerKeys partner = api.newPartner();
            String token = api.adminToken(partner);
            var user = TestApi.newUser();
            String id = api.createUser(user, token).id();

            Reply read = api.send(api.request("/api/users/" + id + "?email=" + user.get("email").asText())
                    .header("Authorization", "Bearer " + token).header("X-Request-Id", "read-1").GET().build());
            Reply missing = api.send(api.request("/no/such/path").header("X-Request-Id", "missing-1").GET().build());

            assertThat(read.status()).isEqualTo(200);
            ILoggingEvent event = access.await(e -> e.getFormattedMessage().contains("request_id=read-1"));
            String line = event.getFormattedMessage();
            assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "read-1");
            // What a JSON log shows as fields of their own.
            assertThat(event.getKeyValuePairs()).extracting(kv -> kv.key)
                    .containsExactly("method", "route", "status", "duration_ms", "partner_id");
            assertThat(event.getKeyValuePairs()).extracting(kv -> String.valueOf(kv.value))
                    .startsWith("GET", "/api/users/{userId}", "200").endsWith(partner.partnerId());
            assertThat(line).contains("method=GET").contains("route=/api/users/{userId}").contains("status=200")
                    .contains("partner=" + partner.partnerId()).containsPattern("duration_ms=\\d+");
            assertThat(line).doesNotContain(id).doesNotContain(user.get("email").asText())
                    .doesNotContain(user.get("phone").asText()).doesNotContain("Ada").doesNotContain(token);
            String unmatched = access.await(e -> e.getFormattedMessage().contains("request_id=missing-1"))
                    .getFormattedMessage();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(unmatched).contains("status=404").doesNotContain("/no/such/path");
        }
    }

    /**
     * Requests no endpoint matched (no route, another method, a query refused before routing)
     * are logged and counted as {@code (unmatched)}, not under Javalin's text for a 404 or a
     * filter's wildcard path: a dashboard grouping by route sees one name for them.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /api/users//", "DELETE, /api/users", "GET, /api/users/a/b/c", "GET, /api/users?%zz"})
    void logs_a_request_no_endpoint_matched_as_unmatched(String method, String path) throws Exception {
        try (TestApi api = TestApi.start(); CapturedLog access = CapturedLog.of("enroll.access")) {
            String token = api.adminToken(api.newPartner());

            // Raw: the JDK's client will not send a malformed escape.
            RawHttp.Answer answer = RawHttp.send(api.port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nX-Request-Id: unmatched-1\r\nConnection: close\r\n\r\n");

            assertThat(answer.status()).isBetween(400, 499);
            String line = access.await(e -> e.getFormattedMessage().contains("request_id=unmatched-1"))
                    .getFormattedMessage();
            // The metrics take their route label from the same place (ApiMetrics).
            assertThat(line).contains("route=(unmatched) ");
        }
    }

    @Test
    void never_logs_credentials_of_a_token_request() throws InterruptedException {
        try (TestApi api = TestApi.start(); CapturedLog access = CapturedLog.of("enroll.access")) {
            PartnerKeys partner = api.newPartner();

            api.send(api.request("/api/auth/token").header("X-Request-Id", "token-1")
                    .header("Content-Type", "application/json").POST(TestApi.jsonOf(TestApi.tokenRequest(partner)))
                    .build());

            String line = access.await(e -> e.getFormattedMessage().contains("request_id=token-1"))
                    .getFormattedMessage();
            assertThat(line).contains("route=/api/auth/token").contains("status=200")
                    .doesNotContain(partner.clientSecret()).doesNotContain(partner.clientId());
        }
    }

    @Test
    void stop_lets_a_request_in_flight_finish_and_then_refuses_new_connections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestApi api = TestApi.withUseCases(u -> withCreateHeld(u, entered, release));
        String token = api.adminToken(api.newPartner());
        CompletableFuture<Reply> inFlight = api.sendAsync(api.request("/api/users")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(TestApi.jsonOf(TestApi.newUser())).build());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(api::close);
        await().atMost(10, TimeUnit.SECONDS).until(() -> refusesNewConnections(api));
        assertThat(stopped).isNotDone();
        release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        stopped.get(10, TimeUnit.SECONDS);
        HttpRequest late = api.request("/health/live").GET().build();
        assertThatThrownBy(() -> api.send(late)).isInstanceOf(UncheckedIOException.class);
    }

    /** Whether a new connection to {@code api} is refused (a stop is under way), on a client of its own. */
    private static boolean refusesNewConnections(TestApi api) throws InterruptedException {
        try {
            HttpClient.newHttpClient().send(api.request("/health/live").GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
