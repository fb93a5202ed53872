package dev.enroll.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One load client's calls to the Enroll API, over its own keep-alive connection
 * ({@link HttpConnection}); one thread uses it at a time. Request heads are built once, so a
 * request costs the driver little more than copying its body. Answers are checked by status
 * only, and their bodies skipped.
 */
final class ApiConnection implements AutoCloseable {

    private static final String JSON = "Content-Type: application/json\r\n";
    private static final byte[] NO_BODY = new byte[0];

    private final HttpConnection http;
    private final int port;
    private final String authorization;
    private final byte[] create;
    private final byte[] createWithPolicy;
    private final byte[] createWithPolicyOrExisting;
    /** The heads of updates and reads, by user id: a client works on a fixed set of seed users. */
    private final Map<String, byte[]> updateHeads = new HashMap<>();
    private final Map<String, byte[]> readHeads = new HashMap<>();

    ApiConnection(int port, Duration timeout, String authorization) {
        this.http = new HttpConnection(port, timeout);
        this.port = port;
        this.authorization = "Authorization: " + authorization + "\r\n";
        this.create = HttpConnection.head("POST", "/api/users", port, this.authorization + JSON);
        this.createWithPolicy = HttpConnection.head("POST", "/api/users/with-policy", port, this.authorization + JSON);
        this.createWithPolicyOrExisting = HttpConnection.head("POST",
                "/api/users/with-policy?returnExistingUserIfExists=true", port, this.authorization + JSON);
    }

    void create(SyntheticUser user) throws Exception {
        UnexpectedAnswer.expect200("POST /api/users", http.exchange(create, utf8(user.json())));
    }

    void createWithPolicy(SyntheticUser user, boolean returnExisting) throws Exception {
        UnexpectedAnswer.expect200("POST /api/users/with-policy", http.exchange(
                returnExisting ? createWithPolicyOrExisting : createWithPolicy, utf8(user.jsonWithPolicy())));
    }

    void update(String userId, String json) throws Exception {
        UnexpectedAnswer.expect200("PUT /api/users/{id}", http.exchange(
                updateHeads.computeIfAbsent(userId,
                        id -> HttpConnection.head("PUT", "/api/users/" + id, port, authorization + JSON)), utf8(json)));
    }

    void read(String userId) throws Exception {
        UnexpectedAnswer.expect200("GET /api/users/{id}", http.exchange(
                readHeads.computeIfAbsent(userId,
                        id -> HttpConnection.head("GET", "/api/users/" + id, port, authorization)), NO_BODY));
    }

    /** A GET of {@code pathAndQuery} (already URL-encoded) that must answer 200. */
    void get(String label, String pathAndQuery) throws Exception {
        UnexpectedAnswer.expect200(label, http.exchange(HttpConnection.head("GET", pathAndQuery, port, authorization),
                NO_BODY));
    }

    @Override
    public void close() {
        http.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
