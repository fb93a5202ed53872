package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.domain.user.CustomFields;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers decided by the protocol rather than the use cases: media type, size, unknown paths,
 * wrong methods, unparsable requests. Each keeps the JSON error shape and gives nothing away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolErrorTest {

    private final TestApi api = TestApi.start();
    private String token;

    @BeforeAll
    void partner() {
        token = api.adminToken(api.newPartner());
    }

    @AfterAll
    void stop() {
        api.close();
    }

    static void assertErrorShape(Reply reply) {
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(CreateUserTest.fieldNames(reply.json())).startsWith("error_code", "error_message", "errors");
        assertThat(reply.body()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("jetty")
                .doesNotContainIgnoringCase("javalin").doesNotContain("<").doesNotContain("\tat ");
    }

    private HttpRequest.Builder createRequest() {
        return api.request("/api/users").header("Authorization", "Bearer " + token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/json-patch+json", "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x"})
    void refuses_a_body_that_is_not_declared_as_utf8_json(String contentType) {
        Reply reply = api.send(createRequest().header("Content-Type", contentType)
                .POST(TestApi.jsonOf(TestApi.newUser())).build());

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("ERROR_UNSUPPORTED_MEDIA_TYPE");
        assertErrorShape(reply);
    }

    @Test
    void refuses_a_body_without_a_content_type() {
        Reply reply = api.send(createRequest().POST(TestApi.jsonOf(TestApi.newUser())).build());

        assertThat(reply.status()).isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\""})
    void accepts_json_however_the_content_type_is_spelt(String contentType) {
        Reply reply = api.send(createRequest().header("Content-Type", contentType)
                .POST(TestApi.jsonOf(TestApi.newUser())).build());

        assertThat(reply.status()).isEqualTo(200);
    }

    private static String paddedUser(int size) {
        String user = TestApi.newUser().toString();
        return user.substring(0, user.length() - 1) + " ".repeat(size - user.length()) + "}";
    }

    @Test
    void accepts_a_body_of_exactly_64_kib() {
        String body = paddedUser(64 * 1024);

        Reply reply = api.send(createRequest().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(body).hasSize(65536);
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void refuses_a_declared_body_over_64_kib() {
        Reply reply = api.send(createRequest().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(paddedUser(64 * 1024 + 1))).build());

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("ERROR_PAYLOAD_TOO_LARGE");
        assertErrorShape(reply);
    }

    @Test
    void refuses_a_chunked_body_over_64_kib_without_reading_all_of_it() {
        byte[] body = paddedUser(1024 * 1024).getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        Reply reply = api.send(createRequest().header("Content-Type", "application/json").POST(chunked).build());

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("ERROR_PAYLOAD_TOO_LARGE");
    }

    @Test
    void gzips_a_large_answer_only_for_a_client_that_accepts_gzip() throws IOException {
        ObjectNode user = TestApi.newUser();
        for (int i = 1; i <= 5; i++) {
            user.put("customField" + i, String.valueOf(i).repeat(CustomFields.MAX_LENGTH));
        }
        Reply created = api.createUser(user, token);
        HttpRequest.Builder read = api.request("/api/users/" + created.id()).header("Authorization", "Bearer " + token);

        HttpResponse<byte[]> zipped = api.sendForBytes(read.copy().header("Accept-Encoding", "gzip").build());
        HttpResponse<byte[]> plain = api.sendForBytes(read.copy().build());

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body().length).isGreaterThan(1500);
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(unzipped.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(zipped.body().length).isLessThan(plain.body().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/user", "/api/users/x/y", "/api/users/x/update-policy/more",
            "/health", "/api/auth", "/favicon.ico"})
    void answers_404_json_for_an_unknown_path(String path) {
        Reply reply = api.get(path, token);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ERROR_NOT_FOUND");
        assertErrorShape(reply);
    }

    @ParameterizedTest
    @CsvSource({"PUT,/api/users,POST", "POST,/api/users/01890a5d-ac96-774b-bcce-b302099a8057,GET",
            "POST,/api/users/01890a5d-ac96-774b-bcce-b302099a8057,PATCH", "GET,/api/auth/token,POST",
            "POST,/health/live,GET", "GET,/api/users/x/update-policy,PUT", "PUT,/api/users/with-policy/x/y/z,",
            // Paths written out in full are resources of their own, though /api/users/{userId} matches the text.
            "GET,/api/users/import,POST", "PUT,/api/users/with-policy,POST",
            "DELETE,/api/users/with-policy,POST", "PATCH,/api/users/import/,POST"})
    void answers_405_json_with_the_allowed_methods_for_a_wrong_method(String method, String path, String allowed) {
        Reply reply = api.send(method, path, null, token);

        if (allowed == null) {
            assertThat(reply.status()).isEqualTo(404);
            return;
        }
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.errorCode()).isEqualTo("ERROR_METHOD_NOT_ALLOWED");
        assertThat(reply.header("Allow")).hasValueSatisfying(v -> assertThat(v).contains(allowed));
        assertErrorShape(reply);
    }

    @Test
    void answers_json_to_a_request_the_server_cannot_parse() throws IOException {
        RawHttp.Answer badUri = RawHttp.sendUnparsable(api.port,
                "GET /api/users/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        RawHttp.Answer badVersion = RawHttp.sendUnparsable(api.port, "GET /api/users HTTP/9.9\r\nHost: localhost\r\n\r\n");
        RawHttp.Answer hugeHeader = RawHttp.sendUnparsable(api.port, "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        RawHttp.Answer hugeUri = RawHttp.sendUnparsable(api.port, "GET /api/users/" + "a".repeat(20_000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(badUri.status()).isEqualTo(400);
        assertThat(badVersion.status()).isEqualTo(505);
        assertThat(hugeHeader.status()).isEqualTo(431);
        assertThat(hugeUri.status()).isEqualTo(414);
        for (RawHttp.Answer answer : List.of(badUri, badVersion, hugeHeader, hugeUri)) {
            assertThat(answer.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(answer.text()).contains("\"error_code\"").doesNotContain("<").doesNotContainIgnoringCase("exception");
        }
    }

    @Test
    void a_64_kib_header_is_a_431_and_a_nul_in_the_path_is_a_4xx_both_in_json() throws IOException {
        RawHttp.Answer hugeHeader = RawHttp.sendUnparsable(api.port, "GET /api/users HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "a".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n");
        RawHttp.Answer nulInPath = RawHttp.sendUnparsable(api.port, "GET /api/users/%00 HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        RawHttp.Answer rawNulInPath = RawHttp.sendUnparsable(api.port,
                "GET /api/users/a\u0000b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(hugeHeader.status()).isEqualTo(431);
        assertThat(hugeHeader.text()).contains("ERROR_HEADERS_TOO_LARGE");
        for (RawHttp.Answer answer : List.of(nulInPath, rawNulInPath)) {
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.text()).contains("\"error_code\"");
        }
    }

    @Test
    void ignores_a_trailing_slash() {
        Reply reply = api.post("/api/users/", TestApi.newUser(), token);

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void every_answer_echoes_a_request_id_and_forbids_caching() {
        Reply reply = api.get("/nowhere", token);

        assertThat(reply.header("X-Request-Id")).isPresent();
        assertThat(reply.header("Cache-Control")).contains("no-store");
    }
}
