package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an attacker or a broken client sends gets a clear 4xx, never a 500 and never silent corruption. */
class HostileInputTest extends PartnerApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"returnExistingUserIfExists=%zz", "returnExistingUserIfExists=%", "returnExistingUserIfExists=%e",
        "returnExistingUserIfExists=%ff%fe", "x=%c3%28"})
    void an_undecodable_query_is_a_400_naming_the_query(String query) throws IOException {
        String body = TestApi.newUser().toString();
        RawHttp.Answer answer = RawHttp.send(api.port, "POST /api/users?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("\"error_code\":\"ERROR_INVALID_PARAMETERS\"").contains("\"field\":\"query\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"charset=\"utf-8\" | 200", "charset='utf-8' | 415", "charset=bogus | 415"})
    void the_query_is_read_whatever_charset_the_body_declares(String charset, int importStatus) {
        String row = TestApi.newUser().toString() + "\n";
        HttpRequest dryRun = api.request(ImportBodies.PATH + "?dryRun=true").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson; " + charset)
                .POST(HttpRequest.BodyPublishers.ofString(row)).build();
        HttpRequest listing = api.request("/api/users?bogus=1").header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain; " + charset).GET().build();

        Reply imported = api.send(dryRun);
        Reply listed = api.send(listing);

        assertThat(imported.status()).isEqualTo(importStatus);
        if (importStatus == 200) {
            assertThat(ImportBodies.summary(ImportBodies.lines(imported)).get("dryRun").asBoolean()).isTrue();
        }
        assertThat(api.get("/api/users", token).json().get("users")).as("a dry run writes nothing").isEmpty();
        assertThat(listed.status()).isEqualTo(400);
        assertThat(listed.errorFields()).containsExactly("bogus");
    }

    @Test
    void a_well_escaped_query_still_works() {
        Reply reply = api.post("/api/users?returnExistingUserIfExists=%74rue", TestApi.newUser(), token);

        assertThat(reply.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+300000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "+10000-01-01T00:00:00.000Z"})
    void a_policy_date_outside_years_1_to_9999_is_a_400_naming_the_field(String date) {
        ObjectNode body = TestApi.newUserWithPolicy();
        ((ObjectNode) body.get("policyInfo")).put("endDate", date);

        Reply reply = api.post("/api/users/with-policy", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("policyInfo.endDate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"A\\ud800B\"", "\"A\\udc00\"", "\"\\ud800\"", "\"\\udc00\\ud800\""})
    void a_lone_surrogate_in_a_text_field_is_a_400_and_nothing_is_stored(String firstName) {
        String body = "{\"firstName\":" + firstName + ",\"lastName\":\"Doe\",\"phone\":\"+15550001234\","
                + "\"address\":{\"state\":\"CA\"}}";

        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("firstName");
        assertThat(api.post("/api/users?returnExistingUserIfExists=true",
                "{\"firstName\":\"A\",\"lastName\":\"Doe\",\"phone\":\"+15550001234\",\"address\":{\"state\":\"CA\"}}",
                token).status()).as("the phone is still free").isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"email | ren\u00e9\u200b@example.com", "email | ren\u00e9\u00a0@example.com",
        "email | rene\u0301@example.com",
        "policyInfo.policyNumber | POL-7\u200b", "policyInfo.policyNumber | \u202aPOL-7"})
    void a_lookalike_of_a_stored_email_or_policy_number_is_a_400_not_a_second_person(String field, String lookalike) {
        ObjectNode person = TestApi.newUserWithPolicy().put("email", "ren\u00e9@example.com");
        ((ObjectNode) person.get("policyInfo")).put("policyNumber", "POL-7");
        assertThat(api.post("/api/users/with-policy", person, token).status()).isEqualTo(200);
        ObjectNode copy = person.deepCopy();
        if (field.equals("email")) {
            copy.put("email", lookalike);
        } else {
            ((ObjectNode) copy.get("policyInfo")).put("policyNumber", lookalike);
        }

        Reply reply = api.post("/api/users/with-policy?returnExistingUserIfExists=true", copy, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly(field);
        assertThat(api.get("/api/users", token).json().get("users")).hasSize(1);
    }

    @Test
    void a_valid_surrogate_pair_is_stored_and_echoed_exactly() {
        ObjectNode body = TestApi.newUser().put("firstName", "Ann\uD83D\uDE00");

        Reply created = api.post("/api/users", body, token);

        assertThat(created.status()).isEqualTo(200);
        assertThat(api.get("/api/users/" + created.id(), token).json().get("firstName").asText())
                .isEqualTo("Ann\uD83D\uDE00");
    }

    @Test
    void unknown_fields_are_named_once_and_the_answer_stays_small() {
        ObjectNode body = TestApi.newUser();
        for (int i = 0; i < 100; i++) {
            body.put("u" + i, 1);
        }
        body.put("x".repeat(5_000), 1);

        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).hasSize(ErrorMapping.MAX_LISTED_ERRORS).contains("u0", "u19");
        assertThat(reply.body().split("\"u0\"", -1)).as("u0 quoted once").hasSize(2);
        assertThat(reply.json().get("error_message").asText()).contains("unknown fields").doesNotContain("u0");
        assertThat(reply.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(4096);
    }

    @Test
    void a_long_unknown_field_name_is_cut_in_the_answer() {
        Reply reply = api.post("/api/users", TestApi.newUser().put("y".repeat(5_000), 1), token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("y".repeat(FieldError.MAX_FIELD_LENGTH) + "…");
    }
}
