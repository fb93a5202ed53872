package dev.enroll.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Enroll API for setting a run up: health probes, the token, the seed users; on
 * {@code java.net.http.HttpClient} over HTTP/1.1. The load itself goes through
 * {@link #connection()}, one lean connection per client.
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

    /** The {@code Authorization} header value this client sends; {@code null} before {@link #authenticated}. */
    String authorization() {
        return authorization;
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
        UnexpectedAnswer.expect200("POST /api/users/with-policy", answer.statusCode());
        return JsonFields.string(answer.body(), "id");
    }

    /** The {@code nextCursor} of {@code GET path}, a list page that must have a next one. */
    String nextCursor(String path) throws Exception {
        HttpResponse<String> answer = http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        UnexpectedAnswer.expect200("GET /api/users", answer.statusCode());
        return JsonFields.string(answer.body(), "nextCursor");
    }

    /**
     * A connection of its own for one load client, calling with this client's token. The load
     * does not go through {@code java.net.http}: see {@link HttpConnection} for why.
     */
    ApiConnection connection() {
        if (authorization == null) {
            throw new IllegalStateException("not authenticated");
        }
        return new ApiConnection(base.getPort(), timeout, authorization);
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
}
