package dev.enroll.adapter.http;

import static dev.enroll.adapter.http.ImportBodies.errorFields;
import static dev.enroll.adapter.http.ImportBodies.importCsv;
import static dev.enroll.adapter.http.ImportBodies.importNdjson;
import static dev.enroll.adapter.http.ImportBodies.ndjson;
import static dev.enroll.adapter.http.ImportBodies.rows;
import static dev.enroll.adapter.http.ImportBodies.summary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /api/users/import} on a real server: formats, rules row by row, identities in bulk. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTest {

    private TestApi api;
    private String token;

    @BeforeAll
    void start() {
        api = TestApi.start();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @BeforeEach
    void newPartner() {
        token = api.adminToken(api.newPartner());
    }

    // ---- NDJSON, row by row

    @Test
    void every_row_gets_a_line_in_input_order_then_a_summary_and_created_users_are_stored() {
        ObjectNode plain = TestApi.newUser();
        ObjectNode withPolicy = TestApi.newUserWithPolicy();

        List<JsonNode> lines = importNdjson(api, "", ndjson(plain, withPolicy), token);

        assertThat(rows(lines)).extracting(l -> l.path("line").asLong(), l -> l.path("status").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "created"),
                        org.assertj.core.groups.Tuple.tuple(2L, "created"));
        JsonNode stored = api.get("/api/users/" + lines.get(1).path("id").asText(), token).json();
        assertThat(stored.path("policyInfo").path("policyNumber").asText())
                .isEqualTo(withPolicy.path("policyInfo").path("policyNumber").asText());
        assertThat(api.get("/api/users/" + lines.get(0).path("id").asText(), token).json().path("phone").asText())
                .isEqualTo(plain.path("phone").asText());
        JsonNode summary = summary(lines);
        assertThat(summary.path("rows").asLong()).isEqualTo(2);
        assertThat(summary.path("created").asLong()).isEqualTo(2);
        assertThat(summary.path("rejected").asLong()).isZero();
        assertThat(summary.has("seconds")).isTrue();
    }

    @Test
    void a_bad_row_is_rejected_with_every_field_error_a_single_create_reports_and_the_others_go_in() {
        ObjectNode bad = TestApi.newUser();
        bad.remove("firstName");
        bad.put("phone", "555-1234");
        ObjectNode badState = TestApi.newUser();
        ((ObjectNode) badState.path("address")).put("state", "XX");
        ObjectNode single = bad.deepCopy();

        List<JsonNode> lines = importNdjson(api, "", ndjson(TestApi.newUser(), bad, badState, TestApi.newUser()), token);
        Reply singleCreate = api.post("/api/users", single, token);

        assertThat(rows(lines)).extracting(l -> l.path("status").asText())
                .containsExactly("created", "rejected", "rejected", "created");
        JsonNode rejected = lines.get(1);
        assertThat(rejected.path("line").asLong()).isEqualTo(2);
        assertThat(rejected.path("error_code").asText()).isEqualTo(singleCreate.errorCode());
        assertThat(errorFields(rejected)).containsExactlyInAnyOrderElementsOf(singleCreate.errorFields())
                .contains("firstName", "phone");
        assertThat(lines.get(2).path("error_code").asText()).isEqualTo("ERROR_INVALID_STATE_CODE");
        assertThat(summary(lines).path("rejected").asLong()).isEqualTo(2);
    }

    @Test
    void an_external_user_id_is_checked_as_a_single_create_checks_it_against_stored_users_and_earlier_rows() {
        String stored = api.createUser(TestApi.newUser().put("externalUserId", "crm-1"), token).id();
        ObjectNode claimsStored = TestApi.newUser().put("externalUserId", "crm-1");
        ObjectNode first = TestApi.newUser().put("externalUserId", "crm-2");
        ObjectNode again = TestApi.newUserWithPolicy().put("externalUserId", "crm-2");

        List<JsonNode> refused = importNdjson(api, "", ndjson(claimsStored, first, again), token);
        List<JsonNode> answered = importNdjson(api, "?returnExistingUserIfExists=true", ndjson(claimsStored, again), token);

        assertThat(rows(refused)).extracting(l -> l.path("status").asText())
                .containsExactly("rejected", "created", "rejected");
        assertThat(refused.get(0).path("error_code").asText()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
        assertThat(refused.get(0).path("error_message").asText()).contains("externalUserId");
        assertThat(api.get("/api/users/" + refused.get(1).path("id").asText(), token).json()
                .path("externalUserId").asText()).isEqualTo("crm-2");
        assertThat(rows(answered)).extracting(l -> l.path("status").asText(), l -> l.path("id").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("existing", stored),
                        org.assertj.core.groups.Tuple.tuple("existing", refused.get(1).path("id").asText()));
    }

    @Test
    void a_row_whose_phone_and_external_user_id_belong_to_two_users_is_a_conflict_even_when_returning_existing() {
        ObjectNode byPhone = TestApi.newUser();
        api.createUser(byPhone, token);
        api.createUser(TestApi.newUser().put("externalUserId", "crm-9"), token);
        ObjectNode both = TestApi.newUser().put("phone", byPhone.path("phone").asText()).put("externalUserId", "crm-9");
        Reply single = api.post("/api/users?returnExistingUserIfExists=true", both.deepCopy(), token);

        List<JsonNode> lines = importNdjson(api, "?returnExistingUserIfExists=true", ndjson(both), token);

        assertThat(single.status()).isEqualTo(409);
        assertThat(lines.get(0).path("status").asText()).isEqualTo("rejected");
        assertThat(lines.get(0).path("error_code").asText()).isEqualTo(single.errorCode());
        assertThat(lines.get(0).path("error_message").asText()).contains("externalUserId", "phone");
    }

    @Test
    void a_malformed_line_mid_file_is_rejected_and_the_lines_after_it_go_in() {
        String body = ndjson(TestApi.newUser()) + "{\"firstName\": \"Ada\", \n" + "[1, 2]\n"
                + ndjson(TestApi.newUser().put("shoeSize", "9"), TestApi.newUser());

        List<JsonNode> lines = importNdjson(api, "", body, token);

        assertThat(rows(lines)).extracting(l -> l.path("status").asText())
                .containsExactly("created", "rejected", "rejected", "rejected", "created");
        assertThat(lines.get(1).path("error_code").asText()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(errorFields(lines.get(1))).containsExactly("line");
        assertThat(errorFields(lines.get(2))).containsExactly("line");
        assertThat(errorFields(lines.get(3))).containsExactly("shoeSize");
        assertThat(lines.get(4).path("line").asLong()).isEqualTo(5);
    }

    @Test
    void policy_dates_are_required_as_on_a_single_create() {
        ObjectNode noDates = TestApi.newUser();
        noDates.putObject("policyInfo").put("policyNumber", "POL-X");

        List<JsonNode> lines = importNdjson(api, "", ndjson(noDates), token);

        assertThat(errorFields(lines.get(0))).containsExactlyInAnyOrder("policyInfo.startDate", "policyInfo.endDate");
    }

    // ---- identities

    @Test
    void a_later_row_with_an_earlier_rows_identity_is_refused_or_answered_with_that_user() {
        ObjectNode first = TestApi.newUser();
        ObjectNode samePhone = TestApi.newUser().put("phone", first.path("phone").asText());
        ObjectNode sameEmailOtherCase = TestApi.newUser().put("email", first.path("email").asText().toUpperCase());

        List<JsonNode> refused = importNdjson(api, "", ndjson(first, samePhone, sameEmailOtherCase), token);
        token = api.adminToken(api.newPartner());
        List<JsonNode> answered = importNdjson(api, "?returnExistingUserIfExists=true",
                ndjson(first, samePhone, sameEmailOtherCase), token);

        assertThat(rows(refused)).extracting(l -> l.path("status").asText())
                .containsExactly("created", "rejected", "rejected");
        assertThat(refused.get(1).path("error_code").asText()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
        assertThat(rows(answered)).extracting(l -> l.path("status").asText())
                .containsExactly("created", "existing", "existing");
        assertThat(rows(answered)).extracting(l -> l.path("id").asText()).containsOnly(answered.get(0).path("id").asText());
        assertThat(summary(answered).path("existing").asLong()).isEqualTo(2);
    }

    @Test
    void users_that_exist_already_hold_their_identities() {
        ObjectNode user = TestApi.newUser();
        String id = api.createUser(user, token).id();

        List<JsonNode> refused = importNdjson(api, "", ndjson(user), token);
        List<JsonNode> answered = importNdjson(api, "?returnExistingUserIfExists=true", ndjson(user), token);

        assertThat(refused.get(0).path("status").asText()).isEqualTo("rejected");
        assertThat(refused.get(0).path("error_message").asText()).contains("phone");
        assertThat(answered.get(0).path("status").asText()).isEqualTo("existing");
        assertThat(answered.get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void a_dry_run_checks_every_row_and_identity_but_writes_nothing() {
        ObjectNode user = TestApi.newUser();
        ObjectNode duplicate = TestApi.newUser().put("phone", user.path("phone").asText());
        ObjectNode bad = TestApi.newUser().put("phone", "nope");

        List<JsonNode> dry = importNdjson(api, "?dryRun=true", ndjson(user, duplicate, bad), token);
        List<JsonNode> real = importNdjson(api, "", ndjson(user), token);

        assertThat(rows(dry)).extracting(l -> l.path("status").asText()).containsExactly("created", "rejected", "rejected");
        assertThat(dry.get(0).has("id")).isFalse();
        assertThat(summary(dry).path("dryRun").asBoolean()).isTrue();
        assertThat(real.get(0).path("status").asText()).isEqualTo("created");
    }

    // ---- CSV

    @Test
    void csv_with_bom_crlf_quoted_commas_and_quotes_and_a_blank_last_line_reads_as_sent() {
        String phone = TestApi.newUser().path("phone").asText();
        String csv = "\uFEFFfirstName,lastName,phone,address.addressLine1,address.city,address.state,"
                + "customField1,emailVerified,policyInfo.policyNumber\r\n"
                + "Ada,\"Lovelace, Countess\"," + phone + ",\"1 Main St, Flat 2\",Springfield,CA,\"say \"\"hi\"\"\",TRUE,\r\n"
                + "\r\n";

        List<JsonNode> lines = importCsv(api, "", csv, token);

        assertThat(rows(lines)).hasSize(1);
        assertThat(lines.get(0).path("status").asText()).as(lines.toString()).isEqualTo("created");
        assertThat(lines.get(0).path("line").asLong()).isEqualTo(2);
        JsonNode stored = api.get("/api/users/" + lines.get(0).path("id").asText(), token).json();
        assertThat(stored.path("lastName").asText()).isEqualTo("Lovelace, Countess");
        assertThat(stored.path("address").path("addressLine1").asText()).isEqualTo("1 Main St, Flat 2");
        assertThat(stored.path("customField1").asText()).isEqualTo("say \"hi\"");
        assertThat(stored.path("emailVerified").asBoolean()).isFalse();
        assertThat(stored.path("policyInfo").isNull()).isTrue();
    }

    @Test
    void csv_rows_count_their_lines_from_the_header_and_a_record_over_two_lines_is_one_row() {
        String csv = "firstName,lastName,phone,address.state,address.addressLine1\n"
                + "Ada,Byron," + TestApi.newUser().path("phone").asText() + ",CA,\"two\nlines\"\n"
                + "Bad,Row,123,CA,x\n"
                + "Too,Many,Cells,CA,x,y\n";

        List<JsonNode> lines = importCsv(api, "", csv, token);

        assertThat(rows(lines)).extracting(l -> l.path("line").asLong()).containsExactly(2L, 4L, 5L);
        // One row, whose line break the rules of creates refuse, as on a single create.
        assertThat(errorFields(lines.get(0))).containsExactly("address.addressLine1");
        assertThat(errorFields(lines.get(1))).containsExactly("phone");
        assertThat(errorFields(lines.get(2))).containsExactly("line");
    }

    @Test
    void a_broken_quote_mid_file_rejects_its_row_and_the_rows_after_it_go_in() {
        String csv = "firstName,lastName,phone,address.state\n"
                + "\"Ada\"x,Byron," + TestApi.newUser().path("phone").asText() + ",CA\n"
                + "Ada,Byron," + TestApi.newUser().path("phone").asText() + ",CA\n";

        List<JsonNode> lines = importCsv(api, "", csv, token);

        assertThat(rows(lines)).extracting(l -> l.path("status").asText()).containsExactly("rejected", "created");
        assertThat(lines.get(0).path("line").asLong()).isEqualTo(2);
    }

    @Test
    void an_import_sent_with_a_trailing_slash_streams_like_any_other() {
        String body = ndjson(TestApi.newUser(), TestApi.newUser());
        Reply reply = api.send(api.request(ImportBodies.PATH + "/").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(summary(ImportBodies.lines(reply)).get("created").asInt()).isEqualTo(2);
    }

    @Test
    void a_quote_never_closed_rejects_the_record_it_opens_on_that_records_first_line() {
        String phone = TestApi.newUser().path("phone").asText();
        String csv = "firstName,lastName,phone,address.state\nAda,Byron," + phone + ",CA\n\"Bo,Li\nmore,text\n";

        List<JsonNode> lines = importCsv(api, "", csv, token);

        assertThat(rows(lines)).extracting(l -> l.path("status").asText()).containsExactly("created", "rejected");
        assertThat(rows(lines).get(1).path("line").asLong()).isEqualTo(3);
        assertThat(summary(lines).get("rows").asInt()).isEqualTo(2);
    }

    @Test
    void an_unknown_csv_column_is_refused_with_the_header_before_any_row() {
        String csv = "firstName,lastName,phone,address.state,shoeSize,address.planet\n"
                + "Ada,Byron," + TestApi.newUser().path("phone").asText() + ",CA,9,Mars\n";

        Reply reply = api.send(ImportBodies.request(api, "", "text/csv", csv, token));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("shoeSize", "address.planet");
    }

    @Test
    void a_body_in_utf16_is_refused_as_a_json_body_is_not_read_as_another_encoding() {
        String csv = "firstName,lastName,phone,address.state\nAda,Byron," + TestApi.newUser().path("phone").asText()
                + ",CA\n";
        Map<String, String> bodies = Map.of("text/csv", csv, "application/x-ndjson", ndjson(TestApi.newUser()));
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            for (Charset encoding : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE)) {
                Reply reply = api.send(ImportBodies.request(api, "", body.getKey(), body.getValue().getBytes(encoding),
                        token));

                assertThat(reply.status()).as(body.getKey() + " in " + encoding.name()).isEqualTo(400);
                assertThat(reply.errorFields()).containsExactly("body");
                assertThat(reply.json().get("error_message").asText()).contains("not UTF-8");
            }
        }
        assertThat(api.get("/api/users", token).json().get("users")).isEmpty();
    }

    /** Bytes that are not UTF-8 (an overlong quote) in a header: 400, nothing imported. */
    @Test
    void a_csv_header_that_is_not_utf_8_is_a_400_naming_the_body() {
        byte[] csv = TestApi.bytes("firstName,last", new byte[] {(byte) 0xC0, (byte) 0xA2}, "Name,phone,address.state\n"
                + "Ada,Byron," + TestApi.newUser().path("phone").asText() + ",CA\n");

        Reply reply = api.send(ImportBodies.request(api, "", "text/csv", csv, token));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("body");
        assertThat(reply.json().get("error_message").asText()).contains("not UTF-8");
        assertThat(api.get("/api/users", token).json().get("users")).isEmpty();
    }

    /**
     * Bytes that are not UTF-8 past the header end the import with an error line, as any body
     * that cannot be read on does: never an answer that just stops as if all went well.
     */
    @Test
    void a_csv_row_that_is_not_utf_8_ends_the_import_with_an_error_line() {
        StringBuilder good = new StringBuilder("firstName,lastName,phone,address.state\n");
        for (int i = 0; i < 1500; i++) {
            good.append("Ada,Byron,").append(TestApi.newUser().path("phone").asText()).append(",CA\n");
        }
        byte[] csv = TestApi.bytes(good.toString(), new byte[] {'Z', (byte) 0xFF}, ",Q,+15550000000,CA\n");

        List<JsonNode> lines = ImportBodies.lines(api.send(ImportBodies.request(api, "", "text/csv", csv, token)));

        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.has("error")).as(last.toString()).isTrue();
        assertThat(last.toString()).contains("not UTF-8");
    }

    /**
     * A broken record is skipped to its end, and the skip may be what meets the bytes that are
     * not UTF-8 (here, further on in the broken record's long last field): the import still ends
     * saying so, never as if the connection broke.
     */
    @Test
    void bytes_that_are_not_utf_8_met_while_skipping_a_broken_record_end_the_import_saying_so() {
        String good = "firstName,lastName,phone,address.state\nAda,Byron," + TestApi.newUser().path("phone").asText()
                + ",CA\n\"x\"y,Byron,+15550000000,";
        byte[] csv = TestApi.bytes(good + "C".repeat(20_000), new byte[] {(byte) 0xFF}, "A\n");

        Reply reply = api.send(ImportBodies.request(api, "", "text/csv", csv, token));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("body");
        assertThat(reply.json().get("error_message").asText()).contains("not UTF-8");
    }

    /** In NDJSON a line is a row of its own: the line that is not UTF-8 is rejected, the rest go in. */
    @Test
    void an_ndjson_line_that_is_not_utf_8_is_rejected_and_the_others_go_in() {
        byte[] body = TestApi.bytes(ndjson(TestApi.newUser()) + "{\"firstName\":\"Q", new byte[] {(byte) 0xC0, (byte) 0xA2},
                "\"}\n" + ndjson(TestApi.newUser()));

        List<JsonNode> lines = ImportBodies.lines(api.send(ImportBodies.request(api, "", "application/x-ndjson", body, token)));

        assertThat(summary(lines).path("created").asInt()).isEqualTo(2);
        assertThat(summary(lines).path("rejected").asInt()).isEqualTo(1);
        assertThat(lines.get(1).toString()).contains("not UTF-8");
    }

    /**
     * Also when the data would first trip another header check: a cell twice (two people named
     * Lee), or cells with dots, read as nested columns, that collapse into one or conflict.
     */
    @Test
    void a_csv_without_its_header_row_is_refused_without_quoting_the_data_it_took_for_a_header() {
        String phone = TestApi.newUser().path("phone").asText();

        for (String csv : List.of("Grace,Hopper," + phone + ",grace.hopper@example.com,TX\n",
                "Hopper,Hopper," + phone + ",hopper@example.com,TX\n",
                "Grace,Hopper," + phone + ",grace.hopper@example.com,grace.h@example.org,TX\n",
                "Grace,Hopper," + phone + ",hopper@example.com,hopper@example.com.au,TX\n")) {
            Reply reply = api.send(ImportBodies.request(api, "", "text/csv", csv, token));

            assertThat(reply.status()).as(csv).isEqualTo(400);
            assertThat(reply.errorFields()).as(csv).containsExactly("body");
            assertThat(reply.body()).as(csv).contains("header row").doesNotContain("Grace").doesNotContain(phone)
                    .doesNotContain("Hopper").doesNotContain("hopper").doesNotContain("TX");
        }
    }

    @Test
    void a_csv_field_longer_than_a_create_body_ends_the_import_where_it_stands() {
        String phone = TestApi.newUser().path("phone").asText();
        String longCell = "y".repeat(JsonBody.MAX_BYTES + 10);

        Reply header = api.send(ImportBodies.request(api, "", "text/csv", "firstName," + longCell + "\n", token));
        // In the first chunk, so before any line of the answer: an ordinary refusal, and nothing written.
        Reply row = api.send(ImportBodies.request(api, "", "text/csv", "firstName,lastName,phone,address.state\n"
                + "Ada,Ok," + phone + ",TX\n\"" + longCell + "\nBo,Li,+15550000001,TX\n\",B,+15550000000,TX\n", token));

        assertThat(header.status()).isEqualTo(400);
        assertThat(header.errorFields()).containsExactly("body");
        // Where that field ends cannot be known (a quoted one may hold line breaks): nothing after
        // it is read as rows.
        assertThat(row.status()).isEqualTo(400);
        assertThat(row.errorFields()).containsExactly("body");
        assertThat(row.json().get("error_message").asText()).contains("line 3");
        assertThat(api.get("/api/users", token).json().get("users")).isEmpty();
    }

    @Test
    void a_missing_csv_column_is_a_field_not_given_so_each_row_says_it_is_required() {
        String csv = "firstName,lastName,address.state\nAda,Byron,CA\nBo,Li,NY\n";

        List<JsonNode> lines = importCsv(api, "", csv, token);

        assertThat(rows(lines)).allSatisfy(row -> assertThat(errorFields(row)).containsExactly("phone"));
    }

    // ---- refusals before any row

    @Test
    void the_import_needs_an_admin_token_a_known_media_type_and_proper_flags() {
        String body = ndjson(TestApi.newUser());
        PartnerKeys partner = api.newPartner();
        String admin = api.adminToken(partner);
        String userScope = api.userToken(partner, api.createUser(TestApi.newUser(), admin).id());

        Reply anonymous = api.send(api.request(ImportBodies.PATH).header("Content-Type", "application/x-ndjson")
                .POST(TestApi.jsonOf(body)).build());
        Reply user = api.send(ImportBodies.request(api, "", "application/x-ndjson", body, userScope));
        Reply json = api.send(ImportBodies.request(api, "", "application/json", body, admin));
        Reply latin1 = api.send(ImportBodies.request(api, "", "text/csv; charset=iso-8859-1", body, admin));
        Reply badFlag = api.send(ImportBodies.request(api, "?dryRun=yes", "application/x-ndjson", body, admin));
        Reply flagTwice = api.send(ImportBodies.request(api, "?dryRun=true&dryRun=true", "application/x-ndjson",
                body, admin));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(user.status()).isEqualTo(403);
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().path("error_message").asText()).contains("application/x-ndjson", "text/csv");
        assertThat(latin1.status()).isEqualTo(415);
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.errorFields()).containsExactly("dryRun");
        assertThat(flagTwice.status()).isEqualTo(400);
        assertThat(flagTwice.json().path("error_message").asText()).as("as a list's parameters say it")
                .contains("dryRun must be given at most once");
    }

    @Test
    void a_line_longer_than_a_create_body_may_be_is_rejected_without_stopping_the_import() {
        ObjectNode huge = TestApi.newUser().put("customField1", "x".repeat(JsonBody.MAX_BYTES));

        List<JsonNode> lines = importNdjson(api, "", ndjson(huge, TestApi.newUser()), token);

        assertThat(rows(lines)).extracting(l -> l.path("status").asText()).containsExactly("rejected", "created");
        assertThat(errorFields(lines.get(0))).containsExactly("line");
    }
}
