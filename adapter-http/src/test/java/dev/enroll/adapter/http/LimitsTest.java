package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.application.port.in.ImportRow;
import dev.enroll.application.port.in.ImportUsersUseCase;
import dev.enroll.application.port.in.ImportedRow;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.domain.user.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rate limits, credential throttling, a bounded wait for a request slot, and slow clients. */
class LimitsTest {

    private static final String UNKNOWN_USER = "/api/users/0190f3c4-8b2a-7c3d-9e4f-0a1b2c3d4e5f";
    /** A token request whose body, 64 KiB long, starts with one byte; the rest trickles in. */
    private static final String TRICKLED = "POST /api/auth/token HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 65536\r\n\r\n{";
    private static final String STALLED = "POST /api/auth/token HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n";
    /** A readiness probe on a connection kept alive. */
    private static final String READY = "GET /health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Test
    void every_answer_to_a_partner_reports_its_rate_and_past_the_burst_it_is_a_429_until_the_bucket_refills() {
        try (TestApi api = TestApi.withLimits(10, HttpLimits.defaults().withPartnerRate(1, 3), UnaryOperator.identity())) {
            String token = api.adminToken(api.newPartner());
            String other = api.adminToken(api.newPartner());

            for (int remaining = 2; remaining >= 0; remaining--) {
                Reply reply = api.get(UNKNOWN_USER, token);
                assertThat(reply.status()).isEqualTo(404);
                assertThat(reply.header("RateLimit-Policy")).contains("\"partner\";q=3;w=3");
                assertThat(reply.header("RateLimit")).contains("\"partner\";r=" + remaining + ";t=" + (3 - remaining));
            }
            Reply limited = api.post("/api/users", TestApi.newUser(), token);

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.errorCode()).isEqualTo("ERROR_RATE_LIMITED");
            assertThat(limited.header("Retry-After")).contains("1");
            assertThat(limited.header("RateLimit")).contains("\"partner\";r=0;t=1");
            assertThat(api.get(UNKNOWN_USER, other).status()).as("another partner").isEqualTo(404);

            api.clock.advance(Duration.ofSeconds(1));
            assertThat(api.post("/api/users", TestApi.newUser(), token).status()).isEqualTo(200);
        }
    }

    @Test
    void failed_credential_checks_are_throttled_per_client_id_and_address_and_forgiven_as_time_passes()
            throws InterruptedException {
        CapturedLog log = CapturedLog.of(CredentialThrottle.class.getName());
        try (TestApi api = TestApi.withLimits(10, HttpLimits.defaults().withCredentialFailures(3),
                UnaryOperator.identity())) {
            PartnerKeys partner = api.newPartner();
            ObjectNode wrong = TestApi.tokenRequest(partner).put("clientSecret", "not-the-secret-at-all");
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("/api/auth/token", wrong).status()).isEqualTo(401);
            }

            Reply throttled = api.post("/api/auth/token", wrong);
            Reply evenTheRightSecret = api.post("/api/auth/token", TestApi.tokenRequest(partner));
            Reply anotherClientFromThisAddress = api.post("/api/auth/token", TestApi.tokenRequest(api.newPartner()));

            for (Reply reply : List.of(throttled, evenTheRightSecret, anotherClientFromThisAddress)) {
                assertThat(reply.status()).isEqualTo(429);
                assertThat(reply.errorCode()).isEqualTo("ERROR_RATE_LIMITED");
                assertThat(reply.header("Retry-After")).contains("20");
            }
            ILoggingEvent warning = log.await(e -> e.getFormattedMessage().contains("throttled"));
            assertThat(warning.getFormattedMessage()).contains(partner.clientId().substring(0, 10))
                    .doesNotContain(partner.clientSecret()).doesNotContain("not-the-secret-at-all");

            api.clock.advance(HttpLimits.CREDENTIAL_FAILURE_WINDOW.dividedBy(3));
            assertThat(api.post("/api/auth/token", TestApi.tokenRequest(partner)).status())
                    .as("the partner gets in again once a failure is forgiven").isEqualTo(200);
        }
    }

    /**
     * Behind a load balancer every request comes from the balancer: counted by it, one guesser
     * would lock every partner out. With the balancer trusted, the address counted is the one it
     * says it forwarded for; a client that is not a trusted proxy cannot choose its address so.
     */
    @Test
    void behind_a_trusted_proxy_failures_count_against_the_address_it_forwarded_for() {
        HttpLimits limits = HttpLimits.defaults().withCredentialFailures(3);
        try (TestApi api = TestApi.withLimits(10, limits.withTrustedProxies(List.of("127.0.0.0/8", "::1")),
                UnaryOperator.identity())) {
            PartnerKeys partner = api.newPartner();
            for (int i = 0; i < 3; i++) {
                assertThat(tokenVia(api, guess(i), "198.51.100.9, 203.0.113.7:4711").status()).isEqualTo(401);
            }

            assertThat(tokenVia(api, guess(3), "203.0.113.7").status()).as("the guesser, its port aside")
                    .isEqualTo(429);
            assertThat(tokenVia(api, guess(4), "::ffff:203.0.113.7").status()).as("the guesser, spelt in IPv6")
                    .isEqualTo(429);
            assertThat(tokenVia(api, TestApi.tokenRequest(partner), "203.0.113.8").status()).as("another client")
                    .isEqualTo(200);
        }
        try (TestApi api = TestApi.withLimits(10, limits.withTrustedProxies(List.of("10.0.0.1")),
                UnaryOperator.identity())) {
            for (int i = 0; i < 3; i++) {
                assertThat(tokenVia(api, guess(i), "203.0.113." + i).status()).isEqualTo(401);
            }

            assertThat(tokenVia(api, guess(3), "203.0.113.99").status()).as("an untrusted peer's header is ignored")
                    .isEqualTo(429);
        }
    }

    private static ObjectNode guess(int attempt) {
        return TestApi.json().put("clientId", "ck_guessNumber" + attempt + "aaaaaaaaaaaa").put("clientSecret", "no")
                .put("partnerId", "nobody");
    }

    private static Reply tokenVia(TestApi api, ObjectNode body, String forwardedFor) {
        return api.send(api.request("/api/auth/token").header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor).POST(TestApi.jsonOf(body)).build());
    }

    /** The two swapped, as an integrator may: the secret arrives as the client id. */
    @Test
    void a_secret_sent_as_the_client_id_is_not_logged_when_the_checks_are_throttled() throws InterruptedException {
        CapturedLog log = CapturedLog.of(CredentialThrottle.class.getName());
        try (TestApi api = TestApi.withLimits(10, HttpLimits.defaults().withCredentialFailures(3),
                UnaryOperator.identity())) {
            PartnerKeys partner = api.newPartner();
            String secret = partner.clientSecret();
            ObjectNode swapped = TestApi.tokenRequest(partner).put("clientId", secret)
                    .put("clientSecret", partner.clientId());
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("/api/auth/token", swapped).status()).isEqualTo(401);
            }

            String warning = log.await(e -> e.getFormattedMessage().contains("throttled")).getFormattedMessage();
            for (int start = 0; start + 6 <= secret.length(); start++) {
                assertThat(warning).doesNotContain(secret.substring(start, start + 6));
            }
            assertThat(warning).contains("address");
        }
    }

    @Test
    void requests_beyond_the_slots_and_the_waiting_line_are_a_503_at_once_and_health_does_not_wait()
            throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestApi api = TestApi.withLimits(1, HttpLimits.defaults().withWaiting(1, Duration.ofSeconds(30)),
                u -> OperationsTest.withCreateHeld(u, entered, release))) {
            String token = api.adminToken(api.newPartner());
            CompletableFuture<Reply> working = api.sendAsync(createRequest(api, token));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Reply> second = api.sendAsync(createRequest(api, token));
            CompletableFuture<Reply> third = api.sendAsync(createRequest(api, token));
            // One of the two waits for the slot; the other finds the line full and is answered at once.
            Reply turnedAway = (Reply) CompletableFuture.anyOf(second, third).get(10, TimeUnit.SECONDS);
            CompletableFuture<Reply> waiting = second.isDone() ? third : second;

            assertThat(turnedAway.status()).isEqualTo(503);
            assertThat(turnedAway.errorCode()).isEqualTo("ERROR_SERVICE_UNAVAILABLE");
            assertThat(turnedAway.header("Retry-After")).contains("1");
            assertThat(api.get("/health/live", null).status()).isEqualTo(200);
            assertThat(api.get("/health/ready", null).status()).isEqualTo(200);

            release.countDown();
            assertThat(working.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void imports_take_at_most_a_quarter_of_the_slots_so_stalled_ones_leave_the_rest_serving() throws Exception {
        // No rate limit in the way: the test asks again until the stalled import holds its place.
        HttpLimits unlimited = HttpLimits.defaults().withPartnerRate(1_000_000, 1_000_000);
        CountDownLatch importing = new CountDownLatch(1);
        try (TestApi api = TestApi.withLimits(4, unlimited, u -> withImportSignalled(u, importing));
             Socket stalled = new Socket("localhost", api.port)) {
            String token = api.adminToken(api.newPartner());
            // An import whose body stops after its first row: it holds the one import place of 4 slots.
            String head = startOneRowImport(stalled, token);
            assertThat(importing.await(10, TimeUnit.SECONDS)).as("the stalled import is under way").isTrue();

            Reply another = importOne(api, token);

            assertThat(another.status()).isEqualTo(503);
            assertThat(another.header("Retry-After")).contains("1");
            assertThat(api.get("/api/users", token).status()).isEqualTo(200);
            assertThat(api.get("/health/ready", null).status()).isEqualTo(200);

            stalled.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // the body ends
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Reply afterwards = importOne(api, token);
            while (afterwards.status() == 503 && System.nanoTime() < deadline) {
                afterwards = importOne(api, token);
            }
            assertThat(afterwards.status()).as("the place is free once the stalled import ends").isEqualTo(200);
            assertThat(RawHttp.answerTo(stalled, head).status()).isEqualTo(200);
        }
    }

    @Test
    void a_partner_runs_two_imports_at_once_so_its_imports_never_take_every_partners_place() throws Exception {
        HttpLimits unlimited = HttpLimits.defaults().withPartnerRate(1_000_000, 1_000_000);
        CountDownLatch importing = new CountDownLatch(PartnerImports.MOST_PER_PARTNER);
        try (TestApi api = TestApi.withLimits(32, unlimited, u -> withImportSignalled(u, importing));
             Socket first = new Socket("localhost", api.port);
             Socket second = new Socket("localhost", api.port)) {
            String acme = api.adminToken(api.newPartner());
            String globex = api.adminToken(api.newPartner());
            List<String> heads = new ArrayList<>();
            for (Socket stalled : List.of(first, second)) {
                heads.add(startOneRowImport(stalled, acme));
            }
            assertThat(importing.await(10, TimeUnit.SECONDS)).as("both of acme's imports are under way").isTrue();

            Reply third = importOne(api, acme);
            Reply others = importOne(api, globex);

            assertThat(third.status()).isEqualTo(429);
            assertThat(third.errorCode()).isEqualTo("ERROR_RATE_LIMITED");
            assertThat(third.header("Retry-After")).contains("1");
            assertThat(others.status()).as("another partner's import").isEqualTo(200);

            first.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // one body ends
            assertThat(RawHttp.answerTo(first, heads.get(0)).status()).isEqualTo(200);
            assertThat(importOne(api, acme).status()).as("acme's place is free once that import ended").isEqualTo(200);
            second.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.answerTo(second, heads.get(1)).status()).isEqualTo(200);
        }
    }

    @Test
    void an_import_whose_body_is_idle_when_a_stop_begins_is_told_so_and_the_stop_does_not_wait_for_it()
            throws Exception {
        AtomicReference<Thread> reading = new AtomicReference<>();
        TestApi api = TestApi.withUseCases(u -> withReaderKnown(u, reading));
        CompletableFuture<Void> stopped;
        try (Socket idle = new Socket("localhost", api.port)) {
            String token = api.adminToken(api.newPartner());
            String head = startOneRowImport(idle, token);
            // Waiting for the body's next row, past the check for a stop: idle, not cut by the stop.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reading.get() != null
                    && EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING).contains(reading.get().getState()));
            stopped = CompletableFuture.runAsync(api::close);

            // Told, not cut off with an empty 200 (which claimed nothing went wrong).
            RawHttp.Answer answer = RawHttp.answerTo(idle, head);
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.text()).contains("ERROR_REQUEST_TIMEOUT");
            assertThat(answer.headers().firstValue("Connection")).contains("close");
        }
        // The client closed as told: the stop waits for neither the 20 s grace nor the idle timeout.
        stopped.get(10, TimeUnit.SECONDS);
    }

    @Test
    void an_import_still_receiving_rows_when_a_stop_begins_imports_the_rows_read_says_so_and_does_not_hold_the_stop()
            throws Exception {
        CountDownLatch importing = new CountDownLatch(1);
        TestApi api = TestApi.withUseCases(u -> withFirstRowSignalled(u, importing));
        CompletableFuture<Void> stopped;
        try (Socket sending = new Socket("localhost", api.port)) {
            String token = api.adminToken(api.newPartner());
            String head = startOneRowImport(sending, token);
            assertThat(importing.await(10, TimeUnit.SECONDS)).as("the first row is read").isTrue();
            ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
            CompletableFuture<Void> closedOnTheClient = keepSendingRows(sending, client);
            stopped = CompletableFuture.runAsync(api::close);

            RawHttp.Answer answer = RawHttp.answerTo(sending, head);
            List<String> lines = answer.text().lines().toList();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(lines.get(0)).contains("\"line\":1,").contains("\"status\":\"created\"");
            assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.contains("\"status\":\"created\""));
            assertThat(lines.get(lines.size() - 1)).contains("ERROR_SERVICE_UNAVAILABLE").contains("stopping")
                    .doesNotContain("summary");
            // The client keeps sending and keeps the connection open: the server closes it, and the stop
            // ends well inside the 20 s grace, which a client still sending rows would otherwise take.
            stopped.get(10, TimeUnit.SECONDS);
            closedOnTheClient.get(10, TimeUnit.SECONDS);
            client.shutdownNow();
        }
    }

    @Test
    void an_import_ended_by_a_store_failure_closes_its_connection_though_the_client_is_still_sending()
            throws Exception {
        ImportUsersUseCase failing = (command, rows, report) -> {
            rows.next();
            throw new StoreUnavailableException("the database stopped answering", null);
        };
        ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
        try (TestApi api = TestApi.withUseCases(u -> withImports(u, failing));
             Socket sending = new Socket("localhost", api.port)) {
            String token = api.adminToken(api.newPartner());
            String head = startOneRowImport(sending, token);
            CompletableFuture<Void> closedOnTheClient = keepSendingRows(sending, client);

            RawHttp.Answer answer = RawHttp.answerTo(sending, head);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.text()).contains("ERROR_SERVICE_UNAVAILABLE");
            // The rest of the body is never read: the server closes the connection rather than read on
            // for as long as the client sends, which would also hold a stop for its whole grace.
            closedOnTheClient.get(10, TimeUnit.SECONDS);
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    void an_import_that_a_stop_finds_before_its_first_row_is_an_ordinary_503() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        TestApi api = TestApi.withUseCases(u -> withImportHeld(u, entered, go));

        Reply reply = importThroughAStop(api, entered, go);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.errorCode()).isEqualTo("ERROR_SERVICE_UNAVAILABLE");
    }

    /**
     * A stop that finds a chunk the database does not finish (a stalled database): the import is
     * told the server is stopping, to go elsewhere, not that the database will be back soon.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void an_import_whose_database_fails_once_a_stop_has_begun_is_told_the_server_is_stopping(boolean rowAnswered)
            throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        ImportUsersUseCase stuck = (command, rows, report) -> {
            if (rowAnswered) {
                report.accept(List.of(ImportedRow.created(1, UserId.parse("01890a5d-ac96-774b-bcce-b302099a8057"))));
            }
            entered.countDown();
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new StoreUnavailableException("the database stopped answering", null);
        };
        TestApi api = TestApi.withUseCases(u -> withImports(u, stuck));

        Reply reply = importThroughAStop(api, entered, go);

        // With a row answered, the answer has begun (200) and the stop's line ends it; else a 503.
        assertThat(reply.status()).isEqualTo(rowAnswered ? 200 : 503);
        assertThat(reply.body()).contains("ERROR_SERVICE_UNAVAILABLE").contains("The server is stopping");
    }

    /**
     * Sends an import to {@code api}; once its use case has {@code entered}, begins a stop, and
     * once the stop has begun lets the use case {@code go} on. Answers the import's reply, after
     * the stop has ended (well inside the grace).
     */
    private static Reply importThroughAStop(TestApi api, CountDownLatch entered, CountDownLatch go) throws Exception {
        String token = api.adminToken(api.newPartner());
        CompletableFuture<Reply> answer = api.sendAsync(ImportBodies.request(api, "", "application/x-ndjson",
                TestApi.newUser().toString() + "\n", token));
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the import is under way").isTrue();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(api::close);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !api.api.readiness().isReady());
        go.countDown();
        Reply reply = answer.get(10, TimeUnit.SECONDS);
        stopped.get(10, TimeUnit.SECONDS);
        return reply;
    }

    @Test
    void a_csv_import_whose_header_stops_arriving_is_a_408_not_a_500() throws Exception {
        try (TestApi api = TestApi.withLimits(10, withIdleTimeoutOfASecond(), UnaryOperator.identity())) {
            String token = api.adminToken(api.newPartner());
            // Part of the header; and less than the four bytes that tell UTF-8 from UTF-16. One at a
            // time: each waits out the idle timeout of a second.
            for (String sent : List.of("firstName,last", "fi")) {
                try (Socket stalled = new Socket("localhost", api.port)) {
                    String head = startImport(stalled, token, "text/csv", sent);

                    RawHttp.Answer answer = RawHttp.answerTo(stalled, head);

                    assertThat(answer.status()).as(sent).isEqualTo(408);
                    assertThat(answer.text()).contains("ERROR_REQUEST_TIMEOUT");
                }
            }
        }
    }

    @Test
    void a_partners_import_place_is_free_again_whatever_ended_its_import() {
        try (TestApi api = TestApi.start()) {
            String token = api.adminToken(api.newPartner());
            for (int i = 0; i < PartnerImports.MOST_PER_PARTNER + 1; i++) {
                Reply refused = api.send(ImportBodies.request(api, "", "text/csv", "shoeSize\n42\n", token));
                assertThat(refused.status()).isEqualTo(400);
            }

            assertThat(importOne(api, token).status()).isEqualTo(200);
        }
    }

    /** A client with rows for minutes more: one every 20 ms until the server closes the connection. */
    private static CompletableFuture<Void> keepSendingRows(Socket sending, ScheduledExecutorService client) {
        CompletableFuture<Void> closedOnTheClient = new CompletableFuture<>();
        client.scheduleAtFixedRate(() -> {
            try {
                byte[] row = (TestApi.newUser().toString() + "\n").getBytes(StandardCharsets.UTF_8);
                sending.getOutputStream().write((Integer.toHexString(row.length) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                sending.getOutputStream().write(row);
                sending.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                closedOnTheClient.complete(null);
                throw new UncheckedIOException(e); // ends the schedule
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        return closedOnTheClient;
    }

    /** {@link #startImport} with one NDJSON row. */
    private static String startOneRowImport(Socket socket, String token) throws IOException {
        return startImport(socket, token, "application/x-ndjson", TestApi.newUser().toString() + "\n");
    }

    /**
     * Sends an import's head and {@code firstChunk} of its chunked body on {@code socket}, and no
     * more: the body stops there. Reads on the socket then wait 10 s at most. Answers the head, to
     * judge the answer by.
     */
    private static String startImport(Socket socket, String token, String contentType, String firstChunk)
            throws IOException {
        socket.setSoTimeout(10_000);
        String head = "POST " + ImportBodies.PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        socket.getOutputStream().write((head + Integer.toHexString(firstChunk.getBytes(StandardCharsets.UTF_8).length)
                + "\r\n" + firstChunk + "\r\n").getBytes(StandardCharsets.UTF_8));
        return head;
    }

    /** The default limits, but a connection that sends nothing is closed after a second, not 15. */
    private static HttpLimits withIdleTimeoutOfASecond() {
        HttpLimits usual = HttpLimits.defaults();
        return new HttpLimits(usual.maxWaitingRequests(), usual.maxWait(), usual.partnerRequestsPerSecond(),
                usual.partnerBurst(), usual.credentialFailures(), usual.minRequestDataRate(), Duration.ofSeconds(1),
                usual.trustedProxies());
    }

    /** The import use case, counting {@code importing} down as an import begins reading its rows. */
    private static HttpUseCases withImportSignalled(HttpUseCases u, CountDownLatch importing) {
        ImportUsersUseCase imports = (command, rows, report) -> {
            importing.countDown();
            return u.importUsers().importUsers(command, rows, report);
        };
        return withImports(u, imports);
    }

    private static HttpUseCases withImports(HttpUseCases u, ImportUsersUseCase imports) {
        return new HttpUseCases(u.createUser(), u.createUserWithPolicy(), u.updateUser(), u.updatePolicy(), u.getUser(),
                u.authenticatePartner(), u.storeHealth(), u.listUsers(), u.deleteUser(), u.idempotentRequests(), imports);
    }

    /** The import use case, counting {@code entered} down as it begins, then waiting for {@code go}. */
    private static HttpUseCases withImportHeld(HttpUseCases u, CountDownLatch entered, CountDownLatch go) {
        ImportUsersUseCase imports = (command, rows, report) -> {
            entered.countDown();
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return u.importUsers().importUsers(command, rows, report);
        };
        return withImports(u, imports);
    }

    /** The import use case, counting {@code read} down once it has read its first row. */
    private static HttpUseCases withFirstRowSignalled(HttpUseCases u, CountDownLatch read) {
        ImportUsersUseCase imports = (command, rows, report) -> u.importUsers().importUsers(command,
                new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return rows.hasNext();
                    }

                    @Override
                    public ImportRow next() {
                        ImportRow row = rows.next();
                        read.countDown();
                        return row;
                    }
                }, report);
        return withImports(u, imports);
    }

    /** The import use case, telling {@code reading} which thread asks for the next row once it has read one. */
    private static HttpUseCases withReaderKnown(HttpUseCases u, AtomicReference<Thread> reading) {
        ImportUsersUseCase imports = (command, rows, report) -> u.importUsers().importUsers(command,
                new Iterator<>() {
                    private boolean read;

                    @Override
                    public boolean hasNext() {
                        if (read) {
                            reading.set(Thread.currentThread());
                        }
                        return rows.hasNext();
                    }

                    @Override
                    public ImportRow next() {
                        read = true;
                        return rows.next();
                    }
                }, report);
        return withImports(u, imports);
    }

    private static Reply importOne(TestApi api, String token) {
        return api.send(ImportBodies.request(api, "?dryRun=true", "application/x-ndjson",
                TestApi.newUser().toString() + "\n", token));
    }

    @Test
    void a_body_that_stops_arriving_is_a_408_when_the_idle_timeout_ends_it() throws Exception {
        try (TestApi api = TestApi.withLimits(10, withIdleTimeoutOfASecond(), UnaryOperator.identity());
             Socket stalled = new Socket("localhost", api.port)) {
            stalled.setSoTimeout(10_000);
            // The headers promise a body; none of it ever comes.
            stalled.getOutputStream().write(STALLED.getBytes(StandardCharsets.US_ASCII));

            RawHttp.Answer answer = RawHttp.answerTo(stalled, STALLED);

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.text()).contains("ERROR_REQUEST_TIMEOUT");
        }
    }

    @Test
    void forty_clients_trickling_their_bodies_do_not_hold_up_other_requests_and_are_cut_off() throws Exception {
        try (TestApi api = TestApi.start()) {
            String token = api.adminToken(api.newPartner());
            List<Socket> slow = new ArrayList<>();
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try {
                for (int i = 0; i < 40; i++) {
                    Socket socket = new Socket("localhost", api.port);
                    socket.setSoTimeout(20_000);
                    socket.getOutputStream().write(TRICKLED.getBytes(StandardCharsets.US_ASCII));
                    slow.add(socket);
                }
                // One byte per connection every 200 ms, for at most 30 s: the sender stops by itself.
                trickle.scheduleAtFixedRate(() -> slow.forEach(LimitsTest::sendOneByte), 200, 200, TimeUnit.MILLISECONDS);
                trickle.schedule(trickle::shutdownNow, 30, TimeUnit.SECONDS);

                CompletableFuture<Reply> live = api.sendAsync(api.request("/health/live").GET().build());
                CompletableFuture<Reply> created = api.sendAsync(createRequest(api, token));

                assertThat(live.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
                assertThat(created.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
                RawHttp.Answer answer = RawHttp.answerTo(slow.get(0), TRICKLED);
                assertThat(answer.status()).isEqualTo(408);
                assertThat(answer.text()).contains("ERROR_REQUEST_TIMEOUT");
            } finally {
                trickle.shutdownNow();
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void readiness_is_503_as_soon_as_a_stop_begins_while_requests_in_flight_finish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestApi api = TestApi.withUseCases(u -> OperationsTest.withCreateHeld(u, entered, release));
        String token = api.adminToken(api.newPartner());
        CompletableFuture<Reply> inFlight;
        CompletableFuture<Void> stopped;
        try (Socket probe = new Socket("localhost", api.port); Socket spare = new Socket("localhost", api.port)) {
            for (Socket socket : List.of(probe, spare)) {
                socket.setSoTimeout(10_000);
                assertThat(RawHttp.exchange(socket, READY).status()).isEqualTo(200);
            }
            inFlight = api.sendAsync(createRequest(api, token));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            stopped = CompletableFuture.runAsync(api::close);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // Asked again on both kept connections in turn until the stop has begun: the first 503,
            // within the deadline. Both stay busy, for a stop closes a connection idle for a second;
            // one the stop closed between two requests all the same is left for the other.
            List<Socket> open = new ArrayList<>(List.of(probe, spare));
            RawHttp.Answer ready = null;
            while ((ready == null || ready.status() == 200) && !open.isEmpty() && System.nanoTime() < deadline) {
                for (Socket asking : List.copyOf(open)) {
                    Optional<RawHttp.Answer> answered = RawHttp.exchangeWhileStoppingUnlessClosed(asking, READY);
                    if (answered.isEmpty()) {
                        open.remove(asking);
                        continue;
                    }
                    ready = answered.get();
                    if (ready.status() != 200) {
                        break;
                    }
                    // A probe answered as the stop began still gets its 200, and is the last on its
                    // connection (Connection: close): the next go on the other.
                    if (ready.headers().firstValue("Connection").filter("close"::equalsIgnoreCase).isPresent()) {
                        open.remove(asking);
                    }
                }
            }

            assertThat(ready).as("an answer on a kept connection").isNotNull();
            assertThat(ready.status()).isEqualTo(503);
        }
        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        stopped.get(15, TimeUnit.SECONDS);
    }

    private static java.net.http.HttpRequest createRequest(TestApi api, String token) {
        return api.request("/api/users").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(TestApi.jsonOf(TestApi.newUser())).build();
    }

    private static void sendOneByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(' ');
            out.flush();
        } catch (IOException e) {
            // cut off by the server: what the test expects sooner or later
        }
    }
}
