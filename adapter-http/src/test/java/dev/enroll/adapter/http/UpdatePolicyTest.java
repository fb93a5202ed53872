package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT /api/users/{userId}/update-policy: attach or replace a user's policy. */
class UpdatePolicyTest extends PartnerApiTest {

    private String userId;

    @BeforeEach
    void newUser() {
        userId = api.createUser(TestApi.newUser(), token).id();
    }

    private static ObjectNode policy(String number) {
        return TestApi.json().put("policyNumber", number).put("startDate", "2024-03-01T00:00:00.000Z")
                .put("endDate", "2025-03-01T00:00:00.000Z");
    }

    private Reply updatePolicy(String id, Object body) {
        return api.put("/api/users/" + id + "/update-policy", body, token);
    }

    @Test
    void attaches_a_policy_and_answers_the_user_with_it() {
        Reply reply = updatePolicy(userId, policy("POL-1"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.id()).isEqualTo(userId);
        assertThat(CreateUserTest.fieldNames(reply.json())).containsExactlyElementsOf(CreateUserTest.USER_FIELDS);
        assertThat(reply.json().at("/policyInfo/policyNumber").asText()).isEqualTo("POL-1");
        assertThat(reply.json().at("/policyInfo/startDate").asText()).isEqualTo("2024-03-01T00:00:00.000Z");
        assertThat(api.get("/api/users/" + userId, token).json().at("/policyInfo/policyNumber").asText())
                .isEqualTo("POL-1");
    }

    @Test
    void names_every_invalid_policy_field() {
        Reply reply = updatePolicy(userId, TestApi.json().put("startDate", "yesterday"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("policyNumber", "startDate", "endDate");
    }

    @Test
    void answers_404_for_an_unknown_or_malformed_id() {
        Reply unknown = updatePolicy("01890a5d-ac96-774b-bcce-b302099a8057", policy("POL-2"));
        Reply malformed = updatePolicy("123", policy("POL-2"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
    }

    @Test
    void refuses_a_policy_number_another_user_with_the_same_phone_holds() {
        ObjectNode holder = TestApi.newUserWithPolicy();
        api.post("/api/users/with-policy", holder, token);
        ObjectNode samePhone = TestApi.newUserWithPolicy().put("phone", holder.get("phone").asText());
        String otherId = api.post("/api/users/with-policy", samePhone, token).id();

        Reply reply = updatePolicy(otherId, policy(holder.at("/policyInfo/policyNumber").asText()));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.errorCode()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
    }

    @Test
    void refuses_fields_it_does_not_take() {
        Reply reply = updatePolicy(userId, policy("POL-3").put("phone", "+15550001111"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("phone");
    }
}
