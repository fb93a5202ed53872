package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad-input matrix: bodies that are not JSON, not an object, or hold fields of the wrong type
 * or unknown ones, on every endpoint that takes a body. Each is a 400 naming what is wrong, and
 * nothing is created or changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedBodyTest {

    private final TestApi api = TestApi.start();
    private String token;
    private String userId;
    private String userPath;

    @BeforeAll
    void partnerWithUser() {
        PartnerKeys partner = api.newPartner();
        token = api.adminToken(partner);
        userId = api.createUser(TestApi.newUser(), token).id();
        userPath = "/api/users/" + userId;
    }

    @AfterAll
    void stop() {
        api.close();
    }

    record Endpoint(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    List<Endpoint> bodyEndpoints() {
        return List.of(new Endpoint("POST", "/api/users"), new Endpoint("POST", "/api/users/with-policy"),
                new Endpoint("PUT", userPath), new Endpoint("PUT", userPath + "/update-policy"),
                new Endpoint("POST", "/api/auth/token"));
    }

    Stream<Arguments> notAnObject() {
        List<String> bodies = List.of("", "   ", "{\"firstName\":", "{firstName: \"Ada\"}", "{} {}", "{}x",
                "[]", "[{}]", "\"text\"", "42", "true", "null", "{\"a\":1,\"a\":2}");
        return bodyEndpoints().stream().flatMap(e -> bodies.stream().map(b -> Arguments.of(e, b)));
    }

    @ParameterizedTest(name = "{0} with body [{1}]")
    @MethodSource("notAnObject")
    void refuses_a_body_that_is_not_one_json_object(Endpoint endpoint, String body) {
        Reply reply = api.send(endpoint.method(), endpoint.path(), body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactly("body");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("jackson");
    }

    Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("POST", "/api/users", "{\"firstName\": 123}", "firstName", "must be a string"),
                Arguments.of("POST", "/api/users", "{\"lastName\": {}}", "lastName", "must be a string"),
                Arguments.of("POST", "/api/users", "{\"phone\": 15556667777}", "phone", "must be a string"),
                Arguments.of("POST", "/api/users", "{\"email\": [\"a@b.c\"]}", "email", "must be a string"),
                Arguments.of("POST", "/api/users", "{\"customField1\": true}", "customField1", "must be a string"),
                Arguments.of("POST", "/api/users", "{\"emailVerified\": \"yes\"}", "emailVerified",
                        "must be true or false"),
                Arguments.of("POST", "/api/users", "{\"isPhoneVerified\": 1}", "isPhoneVerified",
                        "must be true or false"),
                Arguments.of("POST", "/api/users", "{\"address\": \"1 Main St\"}", "address", "must be an object"),
                Arguments.of("POST", "/api/users", "{\"address\": {\"zip\": 90210}}", "address.zip",
                        "must be a string"),
                Arguments.of("POST", "/api/users/with-policy", "{\"policyInfo\": []}", "policyInfo",
                        "must be an object"),
                Arguments.of("POST", "/api/users/with-policy", "{\"policyInfo\": {\"startDate\": 20240101}}",
                        "policyInfo.startDate", "must be a string"),
                Arguments.of("PUT", "{user}", "{\"firstName\": false}", "firstName", "must be a string"),
                Arguments.of("PUT", "{user}", "{\"phoneVerified\": \"true\"}", "phoneVerified",
                        "must be true or false"),
                Arguments.of("PUT", "{user}", "{\"address\": 5}", "address", "must be an object"),
                Arguments.of("PUT", "{user}", "{\"address\": {\"state\": [\"CA\"]}}", "address.state",
                        "must be a string"),
                Arguments.of("PUT", "{user}/update-policy", "{\"policyNumber\": 7}", "policyNumber",
                        "must be a string"),
                Arguments.of("POST", "/api/auth/token", "{\"clientId\": 1, \"clientSecret\": \"s\", \"partnerId\": \"p\"}",
                        "clientId", "must be a string"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("wrongTypes")
    void names_a_field_of_the_wrong_type_without_coercing_it(String method, String path, String body, String field,
                                                             String message) {
        Reply reply = api.send(method, path.replace("{user}", userPath), body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.json().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo(message);
        });
    }

    Stream<Arguments> unknownFields() {
        return Stream.of(
                Arguments.of("POST", "/api/users", "{\"nickname\": \"Ada\"}", "nickname"),
                Arguments.of("POST", "/api/users", "{\"FirstName\": \"Ada\"}", "FirstName"),
                Arguments.of("POST", "/api/users", "{\"address\": {\"street\": \"Main\"}}", "address.street"),
                Arguments.of("POST", "/api/users", "{\"policyInfo\": {}}", "policyInfo"),
                Arguments.of("POST", "/api/users", "{\"fraud\": true}", "fraud"),
                Arguments.of("POST", "/api/users/with-policy", "{\"policyInfo\": {\"number\": \"1\"}}",
                        "policyInfo.number"),
                Arguments.of("PUT", "{user}", "{\"tosAnswer\": \"Accepted\"}", "tosAnswer"),
                Arguments.of("PUT", "{user}", "{\"address\": {\"zipcode\": \"90210\"}}", "address.zipcode"),
                Arguments.of("PUT", "{user}/update-policy", "{\"policyInfo\": {}}", "policyInfo"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("unknownFields")
    void names_a_field_the_endpoint_does_not_know(String method, String path, String body, String field) {
        Reply reply = api.send(method, path.replace("{user}", userPath), body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.json().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo("is not a known field");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32"})
    void refuses_json_that_is_not_utf_8_even_where_it_could_be_detected(String charset) {
        Reply reply = postJson(TestApi.newUser().toString().getBytes(Charset.forName(charset)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("body");
    }

    /**
     * Overlong forms spell ASCII in more bytes than UTF-8 allows (C0 A2 for a quote): a filter
     * that looks for the quote byte misses them. Encoded surrogates and code points past U+10FFFF
     * are not UTF-8 either (RFC 3629).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C0A2", "C0AF", "E080AF", "EDA080", "F4908080", "FF"})
    void refuses_bytes_that_are_not_utf_8_naming_the_body(String hex) {
        byte[] body = TestApi.bytes("{\"firstName\":\"Ada\",\"lastName\":\"Q", HexFormat.of().parseHex(hex),
                "x\",\"phone\":\"" + TestApi.newUser().path("phone").asText() + "\",\"address\":{\"state\":\"TX\"}}");

        Reply reply = postJson(body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("body");
        assertThat(reply.json().get("errors").get(0).get("message").asText()).isEqualTo("is not UTF-8");
    }

    /** RFC 8259 lets a parser ignore a leading byte order mark; a client that writes one is served. */
    @Test
    void a_utf_8_byte_order_mark_before_the_json_is_ignored() {
        byte[] body = TestApi.bytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, TestApi.newUser().toString());

        assertThat(postJson(body).status()).isEqualTo(200);
    }

    /** A create whose JSON body is {@code body}, byte for byte. */
    private Reply postJson(byte[] body) {
        return api.send(api.request("/api/users").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void lists_every_shape_problem_in_one_answer() {
        String body = "{\"firstName\": 1, \"lastName\": true, \"address\": {\"zip\": 1, \"planet\": \"Mars\"},"
                + " \"color\": \"red\"}";

        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("firstName", "lastName", "address.zip",
                "address.planet", "color");
        assertThat(reply.json().get("error_message").asText()).contains("firstName")
                .contains("2 unknown fields").doesNotContain("planet");
    }

    @Test
    void changes_nothing_when_the_update_body_is_refused() {
        Reply before = api.get(userPath, token);

        Reply refused = api.put(userPath, "{\"firstName\": \"Grace\", \"middleName\": \"B\"}", token);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.get(userPath, token).json()).isEqualTo(before.json());
    }

    @Test
    void does_not_echo_refused_values() {
        Reply reply = api.post("/api/users", "{\"phone\": 15551234567, \"secretThing\": \"hunter2-value\"}", token);

        assertThat(reply.body()).doesNotContain("15551234567").doesNotContain("hunter2-value");
    }
}
