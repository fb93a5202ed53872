package dev.enroll.adapter.http;

import dev.enroll.application.testing.MutableClock;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.adapter.persistence.id.RandomPartnerCodeGenerator;
import dev.enroll.adapter.persistence.id.TimeOrderedUserIdGenerator;
import dev.enroll.application.port.in.IssuedCredentials;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.application.service.AuthenticatePartnerService;
import dev.enroll.application.service.CreateUserService;
import dev.enroll.application.service.CreateUserWithPolicyService;
import dev.enroll.application.service.DeleteUserService;
import dev.enroll.application.service.GetUserService;
import dev.enroll.application.service.IdempotencyService;
import dev.enroll.application.service.ListUsersService;
import dev.enroll.application.service.ImportUsersService;
import dev.enroll.application.service.ManagePartnersService;
import dev.enroll.application.service.UpdatePolicyService;
import dev.enroll.application.service.UpdateUserService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A real server on a free port, wired like bootstrap wires it (real services over the given
 * stores), and a client for it. Partners whose id starts with {@code nodates-} may omit policy dates.
 */
final class TestApi implements AutoCloseable {

    /** 64 bytes: long enough that an HS512 signature under it is valid, so only algorithm pinning refuses it. */
    static final byte[] KEY = "test-signing-key-0123456789-0123456789-0123456789-0123456789-xyz".getBytes(StandardCharsets.UTF_8);
    static final String NO_DATES_PREFIX = "nodates-";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00.123Z"));
    final ManagePartnersService partners;
    final HttpUseCases useCases;
    final HttpApi api;
    final int port;
    /** What the server records, as a management server would expose it. */
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestApi(Stores stores, UnaryOperator<HttpUseCases> adjustUseCases, boolean legacyHeaderAuth) {
        this(stores, adjustUseCases, legacyHeaderAuth, HttpSettings.DEFAULT_REQUEST_THREADS, HttpLimits.defaults());
    }

    private TestApi(Stores stores, UnaryOperator<HttpUseCases> adjustUseCases, boolean legacyHeaderAuth,
                    int requestThreads, HttpLimits limits) {
        ContributorSettings settings = contributor -> contributor.value().startsWith(NO_DATES_PREFIX);
        TimeOrderedUserIdGenerator ids = new TimeOrderedUserIdGenerator();
        RandomPartnerCodeGenerator codes = new RandomPartnerCodeGenerator();
        this.partners = new ManagePartnersService(stores.partners(), clock);
        this.useCases = adjustUseCases.apply(new HttpUseCases(
                new CreateUserService(stores.users(), ids, codes, clock),
                new CreateUserWithPolicyService(stores.users(), ids, codes, settings, clock),
                new UpdateUserService(stores.users(), clock),
                new UpdatePolicyService(stores.users(), settings, clock),
                new GetUserService(stores.users()),
                new AuthenticatePartnerService(stores.partners()),
                stores.health(),
                new ListUsersService(stores.users(), KEY),
                new DeleteUserService(stores.users(), stores.idempotency(), clock),
                new IdempotencyService(stores.idempotency(), clock),
                new ImportUsersService(stores.imports(), ids, codes, settings, clock)));
        // The production grace, longer than a connection's idle timeout: Jetty's graceful stop waits for
        // every connection to close, and one it accepted as the stop began keeps the full idle timeout.
        this.api = new HttpApi(useCases, new HttpSettings(KEY, HttpSettings.DEFAULT_TOKEN_TTL, legacyHeaderAuth,
                clock, HttpSettings.DEFAULT_SHUTDOWN_GRACE, requestThreads, limits), meters);
        this.port = api.start(0);
    }

    static TestApi start() {
        return new TestApi(Stores.inMemory(), UnaryOperator.identity(), true);
    }

    static TestApi start(Stores stores) {
        return new TestApi(stores, UnaryOperator.identity(), true);
    }

    /** A server on {@code stores} that takes {@code limits}. */
    static TestApi start(Stores stores, HttpLimits limits) {
        return new TestApi(stores, UnaryOperator.identity(), true, HttpSettings.DEFAULT_REQUEST_THREADS, limits);
    }

    static TestApi withUseCases(UnaryOperator<HttpUseCases> adjust) {
        return new TestApi(Stores.inMemory(), adjust, true);
    }

    static TestApi withUseCases(Stores stores, UnaryOperator<HttpUseCases> adjust) {
        return new TestApi(stores, adjust, true);
    }

    static TestApi withRequestThreads(int requestThreads, UnaryOperator<HttpUseCases> adjust) {
        return new TestApi(Stores.inMemory(), adjust, true, requestThreads, HttpLimits.defaults());
    }

    static TestApi withLimits(int requestThreads, HttpLimits limits, UnaryOperator<HttpUseCases> adjust) {
        return new TestApi(Stores.inMemory(), adjust, true, requestThreads, limits);
    }

    static TestApi withoutLegacyHeaders() {
        return new TestApi(Stores.inMemory(), UnaryOperator.identity(), false);
    }

    @Override
    public void close() {
        api.stop();
    }

    // ---- partners and tokens

    /** A new enabled partner with a unique id starting with {@code prefix}. */
    PartnerKeys newPartner(String prefix) {
        IssuedCredentials issued = partners.create(prefix + SEQUENCE.incrementAndGet(), "Test partner");
        return new PartnerKeys(issued.partner().id().value(), issued.partner().clientId().value(),
                issued.clientSecret());
    }

    PartnerKeys newPartner() {
        return newPartner("partner-");
    }

    String adminToken(PartnerKeys partner) {
        Reply reply = post("/api/auth/token", tokenRequest(partner));
        if (reply.status() != 200) {
            throw new IllegalStateException("no token: " + reply);
        }
        return reply.json().path("access_token").asText();
    }

    String userToken(PartnerKeys partner, String userId) {
        ObjectNode body = tokenRequest(partner).put("scope", "user").put("userId", userId);
        Reply reply = post("/api/auth/token", body);
        if (reply.status() != 200) {
            throw new IllegalStateException("no token: " + reply);
        }
        return reply.json().path("access_token").asText();
    }

    static ObjectNode tokenRequest(PartnerKeys partner) {
        return MAPPER.createObjectNode().put("clientId", partner.clientId())
                .put("clientSecret", partner.clientSecret()).put("partnerId", partner.partnerId());
    }

    // ---- request bodies

    /** A valid new user with a phone and email no other test uses. */
    static ObjectNode newUser() {
        int n = SEQUENCE.incrementAndGet();
        ObjectNode user = MAPPER.createObjectNode()
                .put("firstName", "Ada")
                .put("lastName", "Lovelace")
                .put("email", "ada" + n + "@example.com")
                .put("phone", String.format("+1555%07d", n));
        user.putObject("address").put("addressLine1", "1 Main St").put("city", "Springfield")
                .put("state", "CA").put("country", "US").put("zip", "90210");
        return user;
    }

    static ObjectNode newUserWithPolicy() {
        ObjectNode user = newUser();
        user.putObject("policyInfo").put("policyNumber", "POL-" + SEQUENCE.incrementAndGet())
                .put("startDate", "2024-01-01T00:00:00.000Z").put("endDate", "2025-01-01T00:00:00.000Z");
        return user;
    }

    static ObjectNode json() {
        return MAPPER.createObjectNode();
    }

    // ---- HTTP

    /** A request to this server, to send as it is or to add headers to. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    /** {@code before}, raw bytes, then {@code after}: a body with bytes no String can hold. */
    static byte[] bytes(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(head, head.length + middle.length + tail.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    static HttpRequest.BodyPublisher jsonOf(Object body) {
        return HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    }

    Reply send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response);
    }

    /** The answer's bytes as they came, for answers that are not text (a compressed one). */
    HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        return exchange(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Every exchange of every HTTP test goes through here or {@link #sendAsync}: both judge it by the document. */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return judged(request, http.send(request, body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Reply> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), judged(request, response)));
    }

    /** The answer, once the OpenAPI document has found it (and the request's body) as it describes them. */
    private static <T> HttpResponse<T> judged(HttpRequest request, HttpResponse<T> response) {
        OpenApiContract.document().check(request, response);
        return response;
    }

    /** Sends {@code body} (JSON text or a tree) as JSON, with a bearer token when one is given. */
    Reply send(String method, String path, Object body, String token) {
        HttpRequest.Builder request = request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, jsonOf(body));
        }
        return send(request.build());
    }

    Reply post(String path, Object body) {
        return send("POST", path, body, null);
    }

    Reply post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    Reply put(String path, Object body, String token) {
        return send("PUT", path, body, token);
    }

    Reply get(String path, String token) {
        return send("GET", path, null, token);
    }

    /** Creates a user for the token's partner and answers it; fails the test when that does not work. */
    Reply createUser(ObjectNode body, String token) {
        Reply reply = post("/api/users", body, token);
        if (reply.status() != 200) {
            throw new IllegalStateException("user not created: " + reply);
        }
        return reply;
    }
}
