package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /api/users/with-policy (seed 000): identity is phone + policy number within the partner. */
class CreateUserWithPolicyTest extends PartnerApiTest {

    private static final String PATH = "/api/users/with-policy";

    @Test
    void answers_200_with_the_policy_and_every_other_field() {
        ObjectNode body = TestApi.newUserWithPolicy();
        ((ObjectNode) body.get("policyInfo")).put("startDate", "2024-01-01T02:00:00+02:00")
                .put("endDate", "2025-01-01T00:00:00Z");

        Reply reply = api.post(PATH, body, token);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode user = reply.json();
        assertThat(CreateUserTest.fieldNames(user)).containsExactlyElementsOf(CreateUserTest.USER_FIELDS);
        assertThat(CreateUserTest.fieldNames(user.get("policyInfo")))
                .containsExactly("policyNumber", "startDate", "endDate");
        assertThat(user.at("/policyInfo/policyNumber").asText()).isEqualTo(body.at("/policyInfo/policyNumber").asText());
        assertThat(user.at("/policyInfo/startDate").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(user.at("/policyInfo/endDate").asText()).isEqualTo("2025-01-01T00:00:00.000Z");
    }

    @Test
    void refuses_the_same_phone_and_policy_number_again_unless_asked_to_return_it() {
        ObjectNode body = TestApi.newUserWithPolicy();
        String id = api.post(PATH, body, token).id();

        Reply conflict = api.post(PATH, body, token);
        Reply existing = api.post(PATH + "?returnExistingUserIfExists=true", body, token);
        Reply badFlag = api.post(PATH + "?returnExistingUserIfExists=maybe", body, token);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
        assertThat(existing.status()).isEqualTo(200);
        assertThat(existing.id()).isEqualTo(id);
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.errorFields()).containsExactly("returnExistingUserIfExists");
    }

    @Test
    void registers_the_same_person_again_for_another_policy() {
        ObjectNode first = TestApi.newUserWithPolicy();
        ObjectNode second = first.deepCopy();
        ((ObjectNode) second.get("policyInfo")).put("policyNumber", "OTHER-" + first.at("/policyInfo/policyNumber").asText());

        Reply one = api.post(PATH, first, token);
        Reply two = api.post(PATH, second, token);

        assertThat(two.status()).isEqualTo(200);
        assertThat(two.id()).isNotEqualTo(one.id());
    }

    @Test
    void requires_the_policy_and_its_dates() {
        ObjectNode withoutPolicy = TestApi.newUser();
        ObjectNode withoutDates = TestApi.newUserWithPolicy();
        ((ObjectNode) withoutDates.get("policyInfo")).remove("startDate");
        ((ObjectNode) withoutDates.get("policyInfo")).putNull("endDate");

        Reply noPolicy = api.post(PATH, withoutPolicy, token);
        Reply noDates = api.post(PATH, withoutDates, token);

        assertThat(noPolicy.status()).isEqualTo(400);
        assertThat(noPolicy.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(noPolicy.errorFields()).containsExactly("policyInfo");
        assertThat(noDates.status()).isEqualTo(400);
        assertThat(noDates.errorFields()).containsExactlyInAnyOrder("policyInfo.startDate", "policyInfo.endDate");
    }

    @Test
    void lets_a_partner_allowed_to_omit_dates_leave_them_out_and_shows_them_as_null() {
        String noDatesToken = api.adminToken(api.newPartner(TestApi.NO_DATES_PREFIX));
        ObjectNode body = TestApi.newUserWithPolicy();
        ((ObjectNode) body.get("policyInfo")).remove("startDate");
        ((ObjectNode) body.get("policyInfo")).remove("endDate");

        Reply reply = api.post(PATH, body, noDatesToken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/policyInfo/startDate").isNull()).isTrue();
        assertThat(reply.json().at("/policyInfo/endDate").isNull()).isTrue();
    }

    @Test
    void reports_user_and_policy_problems_together() {
        ObjectNode body = TestApi.newUserWithPolicy().put("lastName", "");
        ((ObjectNode) body.get("policyInfo")).put("startDate", "2024-13-01").put("policyNumber", "");

        Reply reply = api.post(PATH, body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("lastName", "policyInfo.policyNumber",
                "policyInfo.startDate");
    }

    @Test
    void refuses_an_end_date_before_the_start_date() {
        ObjectNode body = TestApi.newUserWithPolicy();
        ((ObjectNode) body.get("policyInfo")).put("startDate", "2025-01-01T00:00:00.000Z")
                .put("endDate", "2024-01-01T00:00:00.000Z");

        Reply reply = api.post(PATH, body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("policyInfo.endDate");
    }

    /** The OpenAPI document says {@code date-time}: RFC 3339, and that is what is taken. */
    @ParameterizedTest
    @CsvSource({"2026-01-01T00:00:00.000Z, 200", "2026-01-01t00:00:00z, 200", "2026-01-01T02:00:00.123456789+02:00, 200",
        "2026-01-01T00:00Z, 400", "2026-01-01T02:00:00+02, 400", "2026-01-01T00:00:00+0200, 400", "2026-01-01, 400",
        "2026-01-01T00:00:00, 400", "2026-01-01 00:00:00Z, 400"})
    void a_start_date_is_taken_exactly_when_it_is_an_rfc_3339_date_time(String date, int status) {
        ObjectNode body = TestApi.newUserWithPolicy();
        ((ObjectNode) body.get("policyInfo")).put("startDate", date).put("endDate", "2030-01-01T00:00:00.000Z");

        Reply reply = api.post(PATH, body, token);

        assertThat(reply.status()).as(date).isEqualTo(status);
        if (status == 400) {
            assertThat(reply.errorFields()).containsExactly("policyInfo.startDate");
        }
    }

    @Test
    void answers_invalid_state_code_when_the_state_is_the_only_problem() {
        ObjectNode body = TestApi.newUserWithPolicy();
        ((ObjectNode) body.get("address")).put("state", "ZZ");

        Reply reply = api.post(PATH, body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_STATE_CODE");
    }
}
