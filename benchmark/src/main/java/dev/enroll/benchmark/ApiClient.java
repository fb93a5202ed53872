package dev.enroll.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Enroll API as a partner's back end calls it, on {@code java.net.http.HttpClient} over
 * HTTP/1.1 keep-alive (one pooled connection per concurrent client). Load calls discard the body
 * after reading it, so no time goes to parsing what the measurement does not need.
 */
final class ApiClient {

    private static final String JSON = "application/json";

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final String authorization;

    private ApiClient(HttpClient http, URI base, Duration timeout, String authorization) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
        this.authorization = authorization;
    }

    /** A client for the server on this machine's {@code port}; it sends nothing elsewhere. */
    static ApiClient local(int port, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                // Plain HTTP/1.1, as partners' back ends mostly call us; no h2c upgrade dance per connection.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new ApiClient(http, URI.create("http://localhost:" + port), timeout, null);
    }

    /** This client, calling with an admin token for {@code partner}. */
    ApiClient authenticated(PartnerCredentials partner) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request("/api/auth/token").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(partner.tokenRequestJson())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the token endpoint answered HTTP " + answer.statusCode());
        }
        return new ApiClient(http, base, timeout, "Bearer " + JsonFields.string(answer.body(), "access_token"));
    }

    /** The status of an unauthenticated GET, for health probes; I/O failures propagate. */
    int status(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@code POST /api/users/with-policy}; answers the new user's id (setup needs it). */
    String createWithPolicyForId(SyntheticUser user) throws Exception {
        HttpResponse<String> answer = http.send(authorized("/api/users/with-policy").header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(user.jsonWithPolicy())).build(),
                HttpResponse.BodyHandlers.ofString());
        expect200("POST /api/users/with-policy", answer.statusCode());
        return JsonFields.string(answer.body(), "id");
    }

    void create(SyntheticUser user) throws Exception {
        post("/api/users", user.json(), "POST /api/users");
    }

    void createWithPolicy(SyntheticUser user, boolean returnExisting) throws Exception {
        post(returnExisting ? "/api/users/with-policy?returnExistingUserIfExists=true" : "/api/users/with-policy",
                user.jsonWithPolicy(), "POST /api/users/with-policy");
    }

    void update(String userId, String json) throws Exception {
        HttpRequest request = authorized("/api/users/" + userId).header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        expect200("PUT /api/users/{id}", http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    void read(String userId) throws Exception {
        HttpRequest request = authorized("/api/users/" + userId).GET().build();
        expect200("GET /api/users/{id}", http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private void post(String path, String json, String what) throws Exception {
        HttpRequest request = authorized(path).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        expect200(what, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private HttpRequest.Builder authorized(String path) {
        if (authorization == null) {
            throw new IllegalStateException("not authenticated");
        }
        return request(path).header("Authorization", authorization);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    }

    private static void expect200(String what, int status) throws UnexpectedAnswer {
        if (status != 200) {
            throw new UnexpectedAnswer(what, status);
        }
    }
}
