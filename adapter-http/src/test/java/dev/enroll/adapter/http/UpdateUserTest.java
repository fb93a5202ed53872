package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT /api/users/{userId} (seed 002): a partial update; absent keeps, null clears, a value sets. */
class UpdateUserTest extends PartnerApiTest {

    private ObjectNode created;
    private JsonNode user;

    @BeforeEach
    void newUser() {
        created = TestApi.newUser().put("customField1", "blue").put("customField2", "green");
        ((ObjectNode) created.get("address")).put("addressLine2", "Apt 4");
        user = api.createUser(created, token).json();
    }

    private Reply update(Object body) {
        return api.put("/api/users/" + user.get("id").asText(), body, token);
    }

    @Test
    void changes_given_fields_keeps_absent_ones_and_clears_nulls() {
        api.clock.advance(Duration.ofSeconds(5));
        ObjectNode patch = TestApi.json().put("firstName", "Augusta").putNull("customField1").putNull("email");
        patch.putObject("address").put("city", "Shelbyville").putNull("addressLine2");

        Reply reply = update(patch);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode updated = reply.json();
        assertThat(CreateUserTest.fieldNames(updated)).containsExactlyElementsOf(CreateUserTest.USER_FIELDS);
        assertThat(updated.get("id")).isEqualTo(user.get("id"));
        assertThat(updated.get("firstName").asText()).isEqualTo("Augusta");
        assertThat(updated.get("lastName").asText()).isEqualTo("Lovelace");
        assertThat(updated.get("customField1").isNull()).isTrue();
        assertThat(updated.get("customField2").asText()).isEqualTo("green");
        assertThat(updated.get("email").isNull()).isTrue();
        assertThat(updated.get("phone")).isEqualTo(user.get("phone"));
        assertThat(updated.at("/address/city").asText()).isEqualTo("Shelbyville");
        assertThat(updated.at("/address/addressLine1").asText()).isEqualTo("1 Main St");
        assertThat(updated.at("/address/addressLine2").isNull()).isTrue();
        assertThat(updated.at("/address/state").asText()).isEqualTo("CA");
        assertThat(updated.get("dateRegistered")).isEqualTo(user.get("dateRegistered"));
        assertThat(updated.get("updated").asText()).isEqualTo(CreateUserTest.now(api));
    }

    @Test
    void sets_the_verified_flags_in_either_spelling_and_clears_them_with_null() {
        Reply set = update(TestApi.json().put("isEmailVerified", true).put("phoneVerified", true));
        Reply cleared = update(TestApi.json().putNull("emailVerified"));

        assertThat(set.json().get("emailVerified").asBoolean()).isTrue();
        assertThat(set.json().get("phoneVerified").asBoolean()).isTrue();
        assertThat(cleared.json().get("emailVerified").asBoolean()).isFalse();
        assertThat(cleared.json().get("phoneVerified").asBoolean()).isTrue();
    }

    @Test
    void refuses_both_spellings_of_a_flag_when_they_disagree_null_included() {
        Reply reply = update(TestApi.json().putNull("emailVerified").put("isEmailVerified", true));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("isEmailVerified");
    }

    @Test
    void an_empty_update_changes_nothing() {
        api.clock.advance(Duration.ofSeconds(5));

        Reply reply = update("{}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(user);
    }

    @Test
    void refuses_to_clear_required_fields() {
        ObjectNode patch = TestApi.json().putNull("phone").putNull("firstName").putNull("address");

        Reply reply = update(patch);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("phone", "firstName", "address");
        assertThat(api.get("/api/users/" + user.get("id").asText(), token).json()).isEqualTo(user);
    }

    @Test
    void answers_invalid_state_code_when_the_state_is_the_only_problem() {
        ObjectNode patch = TestApi.json();
        patch.putObject("address").put("state", "QQ");

        Reply reply = update(patch);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_STATE_CODE");
        assertThat(reply.errorFields()).containsExactly("address.state");
    }

    @Test
    void refuses_a_phone_or_email_another_user_of_the_partner_has() {
        ObjectNode other = TestApi.newUser();
        api.createUser(other, token);

        Reply phone = update(TestApi.json().put("phone", other.get("phone").asText()));
        Reply email = update(TestApi.json().put("email", other.get("email").asText()));
        Reply own = update(TestApi.json().put("phone", created.get("phone").asText()));

        assertThat(phone.status()).isEqualTo(409);
        assertThat(phone.errorCode()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
        assertThat(email.status()).isEqualTo(409);
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void answers_404_for_an_unknown_or_malformed_id() {
        Reply unknown = api.put("/api/users/01890a5d-ac96-774b-bcce-b302099a8057", "{}", token);
        Reply malformed = api.put("/api/users/not-a-uuid", "{}", token);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
    }

    @Test
    void refuses_fields_the_update_does_not_take() {
        ObjectNode patch = TestApi.json().put("id", "x").put("partnerCode", "ABCDEFGH");
        patch.putObject("policyInfo").put("policyNumber", "P");

        Reply reply = update(patch);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("id", "partnerCode", "policyInfo");
    }
}
