package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /api/users (seed 001): every documented answer. */
class CreateUserTest extends PartnerApiTest {

    static final List<String> USER_FIELDS = List.of("id", "externalUserId", "firstName", "lastName", "email", "phone", "adminNote",
            "customField1", "customField2", "customField3", "customField4", "customField5", "address", "policyInfo",
            "tosAnswer", "partnerCode", "dateRegistered", "updated", "emailVerified", "phoneVerified", "fraud");
    static final List<String> ADDRESS_FIELDS = List.of("addressLine1", "addressLine2", "city", "state", "country",
            "zip");
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    static String now(TestApi api) {
        return UserJson.TIMESTAMP.format(api.clock.instant());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void answers_200_with_every_field_of_the_schema_present() {
        ObjectNode body = TestApi.newUser();
        String now = now(api);
        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode user = reply.json();
        assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
        assertThat(fieldNames(user.get("address"))).containsExactlyElementsOf(ADDRESS_FIELDS);
        assertThat(user.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(user.get("firstName").asText()).isEqualTo("Ada");
        assertThat(user.get("email").asText()).isEqualTo(body.get("email").asText());
        assertThat(user.get("phone").asText()).isEqualTo(body.get("phone").asText());
        assertThat(user.get("adminNote").isNull()).isTrue();
        assertThat(user.get("customField1").isNull()).isTrue();
        assertThat(user.get("address").get("addressLine2").isNull()).isTrue();
        assertThat(user.get("address").get("state").asText()).isEqualTo("CA");
        assertThat(user.get("policyInfo").isNull()).isTrue();
        assertThat(user.get("tosAnswer").asText()).isEqualTo("None");
        assertThat(user.get("partnerCode").asText()).matches("[2-9A-HJ-NP-Z]{8}");
        assertThat(user.get("dateRegistered").asText()).isEqualTo(now).matches(TIMESTAMP);
        assertThat(user.get("updated").asText()).isEqualTo(now);
        assertThat(user.get("emailVerified").asBoolean()).isFalse();
        assertThat(user.get("phoneVerified").asBoolean()).isFalse();
        assertThat(user.get("fraud").isBoolean()).isTrue();
        assertThat(user.get("fraud").asBoolean()).isFalse();
    }

    @Test
    void timestamps_keep_three_fraction_digits_even_on_a_whole_second() {
        api.clock.advance(Duration.ofMillis(1000 - api.clock.instant().toEpochMilli() % 1000));

        JsonNode user = api.post("/api/users", TestApi.newUser(), token).json();

        assertThat(user.get("dateRegistered").asText()).endsWith(".000Z").isEqualTo(now(api));
    }

    @Test
    void leaves_out_optional_fields_as_null_and_reads_null_as_not_given() {
        ObjectNode body = TestApi.newUser();
        body.putNull("email");
        body.putNull("customField2");
        ((ObjectNode) body.get("address")).remove("zip");

        JsonNode user = api.post("/api/users", body, token).json();

        assertThat(user.get("email").isNull()).isTrue();
        assertThat(user.get("customField2").isNull()).isTrue();
        assertThat(user.get("address").get("zip").isNull()).isTrue();
        assertThat(fieldNames(user)).containsExactlyElementsOf(USER_FIELDS);
    }

    @Test
    void takes_the_verified_flags_in_either_spelling() {
        ObjectNode plain = TestApi.newUser().put("emailVerified", true).put("phoneVerified", true);
        ObjectNode prefixed = TestApi.newUser().put("isEmailVerified", true).put("isPhoneVerified", true);
        ObjectNode both = TestApi.newUser().put("emailVerified", true).put("isEmailVerified", true);

        for (ObjectNode body : List.of(plain, prefixed)) {
            JsonNode user = api.post("/api/users", body, token).json();
            assertThat(user.get("emailVerified").asBoolean()).isTrue();
            assertThat(user.get("phoneVerified").asBoolean()).isTrue();
        }
        assertThat(api.post("/api/users", both, token).json().get("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void refuses_both_spellings_of_a_flag_with_different_values() {
        ObjectNode body = TestApi.newUser().put("phoneVerified", true).put("isPhoneVerified", false);

        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactly("isPhoneVerified");
    }

    @Test
    void refuses_a_second_user_with_the_same_phone_or_email() {
        ObjectNode first = TestApi.newUser();
        api.createUser(first, token);
        ObjectNode samePhone = TestApi.newUser().put("phone", first.get("phone").asText());
        ObjectNode sameEmail = TestApi.newUser().put("email", first.get("email").asText().toUpperCase());

        for (ObjectNode body : List.of(samePhone, sameEmail)) {
            Reply reply = api.post("/api/users", body, token);
            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.errorCode()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
            assertThat(reply.json().get("error_message").asText()).doesNotContain(first.get("phone").asText());
        }
    }

    @Test
    void returns_the_existing_user_when_asked_to() {
        ObjectNode body = TestApi.newUser();
        String registered = now(api);
        String id = api.createUser(body, token).id();
        api.clock.advance(Duration.ofMinutes(1));

        Reply again = api.post("/api/users?returnExistingUserIfExists=true", body, token);
        Reply refused = api.post("/api/users?returnExistingUserIfExists=false", body, token);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.json().get("dateRegistered").asText()).isEqualTo(registered);
        assertThat(refused.status()).isEqualTo(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "1", "", "true&returnExistingUserIfExists=true"})
    void refuses_a_return_existing_flag_that_is_not_exactly_true_or_false(String value) {
        Reply reply = api.post("/api/users?returnExistingUserIfExists=" + value, TestApi.newUser(), token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactly("returnExistingUserIfExists");
    }

    @Test
    void answers_invalid_state_code_when_the_state_is_the_only_problem() {
        ObjectNode body = TestApi.newUser();
        ((ObjectNode) body.get("address")).put("state", "XX");

        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_STATE_CODE");
        assertThat(reply.errorFields()).containsExactly("address.state");
    }

    @Test
    void answers_invalid_parameters_listing_every_problem_when_the_state_is_not_the_only_one() {
        ObjectNode body = TestApi.newUser().put("firstName", " ").put("phone", "12345");
        ((ObjectNode) body.get("address")).put("state", "XX").put("zip", "ABCDE");

        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("firstName", "phone", "address.state",
                "address.zip");
        assertThat(reply.json().get("error_message").asText()).contains("firstName").contains("address.state");
        assertThat(reply.body()).doesNotContain("12345\"").doesNotContain("ABCDE");
    }

    @Test
    void names_every_missing_required_field() {
        Reply reply = api.post("/api/users", "{}", token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("firstName", "lastName", "phone", "address");
        reply.json().get("errors").forEach(e -> assertThat(e.get("message").asText()).isEqualTo("is required"));
    }
}
