package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge every HTTP test's exchanges go through can say no: real answers pass, and the same
 * answers changed in one way the document does not allow are refused.
 */
class OpenApiContractTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.document();
    private static TestApi api;
    private static String token;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        token = api.adminToken(api.newPartner());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_real_answer_passes_and_the_same_answer_with_a_field_the_document_lacks_fails() {
        ObjectNode sent = TestApi.newUser();
        Reply created = api.createUser(sent, token);
        ObjectNode extra = (ObjectNode) created.json().deepCopy();
        extra.put("socialSecurityNumber", "078-05-1120");

        assertThatCode(() -> check("POST", "/api/users", sent.toString(), 200, created.raw().headers(),
                created.body())).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("POST", "/api/users", sent.toString(), 200, created.raw().headers(),
                extra.toString())).isInstanceOf(AssertionError.class).hasMessageContaining("socialSecurityNumber");
    }

    @Test
    void a_status_the_document_does_not_list_for_the_operation_fails() {
        Reply created = api.createUser(TestApi.newUser(), token);

        assertThatThrownBy(() -> check("GET", "/api/users/" + created.id(), null, 201, created.raw().headers(),
                created.body())).isInstanceOf(AssertionError.class).hasMessageContaining("lists no 201");
    }

    @Test
    void an_answer_without_a_required_header_fails() {
        Reply refused = api.get("/api/users/01890a5d-ac96-774b-bcce-b302099a8057", "not-a-token");
        Map<String, List<String>> headers = new HashMap<>(refused.raw().headers().map());
        headers.remove("www-authenticate");

        assertThatCode(() -> check("GET", "/api/users/x", null, 401, refused.raw().headers(), refused.body()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check("GET", "/api/users/x", null, 401, HttpHeaders.of(headers, (n, v) -> true),
                refused.body())).isInstanceOf(AssertionError.class).hasMessageContaining("WWW-Authenticate");
    }

    @Test
    void an_error_code_the_response_does_not_allow_fails() {
        Reply conflict = api.get("/api/users/01890a5d-ac96-774b-bcce-b302099a8057", token);
        String wrongCode = conflict.body().replace("ERROR_USER_NOT_FOUND", "ERROR_USER_ALREADY_EXISTS");

        assertThatThrownBy(() -> check("GET", "/api/users/x", null, 404, conflict.raw().headers(), wrongCode))
                .isInstanceOf(AssertionError.class).hasMessageContaining("error_code");
    }

    @Test
    void a_request_body_the_document_refuses_must_not_be_accepted() {
        ObjectNode sent = TestApi.newUser();
        Reply created = api.createUser(sent, token);
        sent.put("nickname", "Ada");

        assertThatThrownBy(() -> check("POST", "/api/users", sent.toString(), 200, created.raw().headers(),
                created.body())).isInstanceOf(AssertionError.class).hasMessageContaining("request body");
    }

    @Test
    void a_path_the_document_does_not_have_must_be_a_404_and_a_method_it_does_not_list_a_405() {
        Reply live = api.get("/health/live", null);

        assertThatThrownBy(() -> check("GET", "/health/alive", null, 200, live.raw().headers(), live.body()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("must be 404");
        assertThatThrownBy(() -> check("DELETE", "/health/live", null, 200, live.raw().headers(), live.body()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("must be 405");
    }

    @Test
    void an_answer_no_route_gave_must_be_the_documents_answer_to_any_request_for_its_status() throws Exception {
        RawHttp.Answer tooLarge = RawHttp.sendUnparsable(api.port, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        byte[] wrongCode = tooLarge.text().replace("ERROR_HEADERS_TOO_LARGE", "ERROR_URI_TOO_LONG")
                .getBytes(StandardCharsets.UTF_8);

        assertThatCode(() -> CONTRACT.checkUnrouted(431, tooLarge.headers(), tooLarge.body()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> CONTRACT.checkUnrouted(431, tooLarge.headers(), wrongCode))
                .isInstanceOf(AssertionError.class).hasMessageContaining("error_code");
        assertThatThrownBy(() -> CONTRACT.checkUnrouted(413, tooLarge.headers(), tooLarge.body()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("only with [400, 414, 431, 503, 505]");
        assertThatThrownBy(() -> CONTRACT.checkUnrouted(503, tooLarge.headers(), tooLarge.body()))
                .as("a refusal while stopping says when to retry").isInstanceOf(AssertionError.class)
                .hasMessageContaining("Retry-After");
    }

    private static void check(String method, String path, String requestBody, int status, HttpHeaders headers,
                              String body) {
        CONTRACT.check(method, URI.create("http://localhost" + path), requestBody, status, headers,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
