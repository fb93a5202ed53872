package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** POST /api/auth/token: credentials in, a bearer token out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenEndpointTest {

    private static final String PATH = "/api/auth/token";

    private final TestApi api = TestApi.start();
    private PartnerKeys partner;

    @BeforeEach
    void newPartner() {
        partner = api.newPartner();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void issues_an_admin_token_by_default() {
        Reply reply = api.post(PATH, TestApi.tokenRequest(partner));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(CreateUserTest.fieldNames(body))
                .containsExactly("access_token", "token_type", "expires_in", "partner_id", "scope");
        assertThat(body.get("access_token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.get("partner_id").asText()).isEqualTo(partner.partnerId());
        assertThat(body.get("scope").asText()).isEqualTo("admin");
        assertThat(reply.header("Cache-Control")).contains("no-store");
        assertThat(reply.body()).doesNotContain(partner.clientSecret());
        String token = body.get("access_token").asText();
        assertThat(api.post("/api/users", TestApi.newUser(), token).status()).isEqualTo(200);
    }

    @Test
    void issues_an_admin_token_when_asked_for_explicitly() {
        Reply reply = api.post(PATH, TestApi.tokenRequest(partner).put("scope", "admin"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("scope").asText()).isEqualTo("admin");
    }

    @Test
    void a_null_scope_and_user_id_are_not_given_and_the_document_says_so() {
        // Every answer goes through the OpenAPI document, which must take a body the server took.
        Reply reply = api.post(PATH, TestApi.tokenRequest(partner).putNull("scope").putNull("userId"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("scope").asText()).isEqualTo("admin");
    }

    @Test
    void refuses_wrong_or_mismatched_credentials_with_401() {
        PartnerKeys other = api.newPartner();
        ObjectNode wrongSecret = TestApi.tokenRequest(partner).put("clientSecret", other.clientSecret());
        ObjectNode otherPartnersId = TestApi.tokenRequest(partner).put("partnerId", other.partnerId());
        ObjectNode unknownClient = TestApi.tokenRequest(partner).put("clientId", "ck_unknown_client_1234");
        ObjectNode malformedClient = TestApi.tokenRequest(partner).put("clientId", "!");

        for (ObjectNode body : new ObjectNode[] {wrongSecret, otherPartnersId, unknownClient, malformedClient}) {
            Reply reply = api.post(PATH, body);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.errorCode()).isEqualTo("ERROR_UNAUTHORIZED");
            assertThat(reply.body()).doesNotContain(partner.clientSecret()).doesNotContain(other.clientSecret());
        }
    }

    @Test
    void refuses_a_disabled_partner() {
        api.partners.disable(partner.partnerId());

        Reply reply = api.post(PATH, TestApi.tokenRequest(partner));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void names_every_missing_credential() {
        Reply reply = api.post(PATH, "{}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("clientId", "clientSecret", "partnerId");
    }

    @Test
    void refuses_an_unknown_scope_and_a_user_id_that_does_not_go_with_the_scope() {
        Reply unknownScope = api.post(PATH, TestApi.tokenRequest(partner).put("scope", "root"));
        Reply userWithoutId = api.post(PATH, TestApi.tokenRequest(partner).put("scope", "user"));
        Reply adminWithId = api.post(PATH, TestApi.tokenRequest(partner).put("userId", "x"));

        assertThat(unknownScope.status()).isEqualTo(400);
        assertThat(unknownScope.errorFields()).containsExactly("scope");
        assertThat(userWithoutId.status()).isEqualTo(400);
        assertThat(userWithoutId.errorFields()).containsExactly("userId");
        assertThat(adminWithId.status()).isEqualTo(400);
        assertThat(adminWithId.errorFields()).containsExactly("userId");
    }

    @Test
    void refuses_wrong_types_and_unknown_fields() {
        ObjectNode body = TestApi.tokenRequest(partner).put("clientSecret", 42).put("grant_type", "client_credentials");

        Reply reply = api.post(PATH, body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("clientSecret", "grant_type");
    }

    @Test
    void refuses_a_body_that_is_not_json() {
        Reply reply = api.send(api.request(PATH).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("clientId=a&clientSecret=b")).build());

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo("ERROR_UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void issues_a_user_token_for_one_of_the_partners_users() {
        String admin = api.adminToken(partner);
        String userId = api.createUser(TestApi.newUser(), admin).id();

        Reply reply = api.post(PATH, TestApi.tokenRequest(partner).put("scope", "user").put("userId", userId));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(CreateUserTest.fieldNames(reply.json()))
                .containsExactly("access_token", "token_type", "expires_in", "partner_id", "scope", "user_id");
        assertThat(reply.json().get("scope").asText()).isEqualTo("user");
        assertThat(reply.json().get("user_id").asText()).isEqualTo(userId);
        assertThat(reply.json().get("partner_id").asText()).isEqualTo(partner.partnerId());
    }

    @Test
    void answers_404_for_a_user_token_of_a_user_the_partner_does_not_have() {
        PartnerKeys other = api.newPartner();
        String othersUser = api.createUser(TestApi.newUser(), api.adminToken(other)).id();

        for (String userId : new String[] {othersUser, "01890a5d-ac96-774b-bcce-b302099a8057", "garbage"}) {
            Reply reply = api.post(PATH, TestApi.tokenRequest(partner).put("scope", "user").put("userId", userId));
            assertThat(reply.status()).as(userId).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
        }
    }

    @Test
    void checks_credentials_before_looking_the_user_up() {
        ObjectNode body = TestApi.tokenRequest(partner).put("clientSecret", "wrong").put("scope", "user")
                .put("userId", "01890a5d-ac96-774b-bcce-b302099a8057");

        assertThat(api.post(PATH, body).status()).isEqualTo(401);
    }
}
