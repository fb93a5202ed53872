package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A partner's whole book over HTTP: externalUserId, GET /api/users, DELETE, entity tags and
 * conditional requests, PATCH with a JSON merge patch. Every status and error code of these.
 */
class UserBookApiTest extends PartnerApiTest {

    // ---- externalUserId

    @Test
    void the_external_user_id_is_in_every_user_object_and_unique_per_partner() {
        ObjectNode body = TestApi.newUser().put("externalUserId", "crm-42");
        Reply created = api.createUser(body, token);
        Reply plain = api.createUser(TestApi.newUser(), token);

        Reply taken = api.post("/api/users", TestApi.newUser().put("externalUserId", "crm-42"), token);
        Reply existing = api.post("/api/users?returnExistingUserIfExists=true",
                TestApi.newUser().put("externalUserId", "crm-42"), token);
        Reply twoPeople = api.post("/api/users?returnExistingUserIfExists=true",
                TestApi.newUser().put("externalUserId", "crm-42").put("phone", plain.json().get("phone").asText()),
                token);
        Reply other = api.post("/api/users", TestApi.newUser().put("externalUserId", "crm-42"),
                api.adminToken(api.newPartner()));

        assertThat(created.json().get("externalUserId").asText()).isEqualTo("crm-42");
        assertThat(plain.json().get("externalUserId").isNull()).isTrue();
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
        assertThat(existing.status()).isEqualTo(200);
        assertThat(existing.id()).isEqualTo(created.id());
        assertThat(twoPeople.status()).isEqualTo(409);
        assertThat(twoPeople.errorCode()).isEqualTo("ERROR_USER_ALREADY_EXISTS");
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void an_update_sets_and_null_clears_the_external_user_id_and_bad_ones_are_named() {
        String id = api.createUser(TestApi.newUser(), token).id();

        Reply set = api.put("/api/users/" + id, TestApi.json().put("externalUserId", "k-1"), token);
        Reply cleared = api.put("/api/users/" + id, TestApi.json().putNull("externalUserId"), token);
        Reply bad = api.put("/api/users/" + id, TestApi.json().put("externalUserId", "x".repeat(129)), token);
        Reply wrongType = api.post("/api/users", TestApi.newUser().put("externalUserId", 5), token);

        assertThat(set.json().get("externalUserId").asText()).isEqualTo("k-1");
        assertThat(cleared.json().get("externalUserId").isNull()).isTrue();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactly("externalUserId");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.errorFields()).containsExactly("externalUserId");
    }

    // ---- GET /api/users

    @Test
    void the_list_pages_through_the_partners_users_oldest_change_first() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.createUser(TestApi.newUser(), token).id());
        }
        api.createUser(TestApi.newUser(), api.adminToken(api.newPartner()));

        Reply first = api.get("/api/users?limit=2", token);
        Reply second = api.get("/api/users?limit=2&cursor=" + first.json().get("nextCursor").asText(), token);

        assertThat(first.status()).isEqualTo(200);
        assertThat(idsOf(first)).containsExactly(ids.get(0), ids.get(1));
        assertThat(CreateUserTest.fieldNames(first.json().get("users").get(0)))
                .containsExactlyElementsOf(CreateUserTest.USER_FIELDS);
        assertThat(idsOf(second)).containsExactly(ids.get(2));
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void each_filter_finds_its_user() {
        ObjectNode body = TestApi.newUserWithPolicy().put("externalUserId", "crm-7").put("email", "Ann.F@Example.com");
        Reply ann = api.post("/api/users/with-policy", body, token);
        api.createUser(TestApi.newUser(), token);
        String policy = body.at("/policyInfo/policyNumber").asText();

        for (String query : List.of("email=" + enc("ann.f@example.COM"), "phone=" + enc(body.get("phone").asText()),
                "externalUserId=crm-7", "policyNumber=" + policy, "externalUserId=crm-7&policyNumber=" + policy)) {
            Reply found = api.get("/api/users?" + query, token);
            assertThat(found.status()).as(query).isEqualTo(200);
            assertThat(idsOf(found)).as(query).containsExactly(ann.id());
        }
        Reply since = api.get("/api/users?updatedSince=" + enc("2999-01-01T00:00:00Z"), token);
        assertThat(idsOf(since)).isEmpty();
    }

    @Test
    void bad_list_parameters_are_400_naming_each() {
        Reply unknown = api.get("/api/users?sort=name&limit=2", token);
        Reply badLimit = api.get("/api/users?limit=201", token);
        Reply zero = api.get("/api/users?limit=0", token);
        Reply malformed = api.get("/api/users?cursor=zzz", token);
        Reply twice = api.get("/api/users?limit=1&limit=2", token);
        Reply badValues = api.get("/api/users?phone=5551234&updatedSince=yesterday&includeDeleted=1", token);

        assertThat(List.of(unknown, badLimit, zero, malformed, twice, badValues))
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
                });
        assertThat(unknown.errorFields()).containsExactly("sort");
        assertThat(badLimit.errorFields()).containsExactly("limit");
        assertThat(zero.errorFields()).containsExactly("limit");
        assertThat(malformed.errorFields()).containsExactly("cursor");
        assertThat(twice.errorFields()).containsExactly("limit");
        assertThat(badValues.errorFields()).containsExactlyInAnyOrder("phone", "updatedSince", "includeDeleted");
    }

    @Test
    void another_partners_cursor_is_refused() {
        String otherToken = api.adminToken(api.newPartner());
        api.createUser(TestApi.newUser(), otherToken);
        api.createUser(TestApi.newUser(), otherToken);
        String foreign = api.get("/api/users?limit=1", otherToken).json().get("nextCursor").asText();

        Reply reply = api.get("/api/users?cursor=" + foreign, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorFields()).containsExactly("cursor");
    }

    @Test
    void the_list_needs_admin_credentials() {
        String userId = api.createUser(TestApi.newUser(), token).id();
        PartnerKeys partner = api.newPartner();

        assertThat(api.get("/api/users", null).status()).isEqualTo(401);
        Reply asUser = api.get("/api/users", api.userToken(partner, api.createUser(TestApi.newUser(),
                api.adminToken(partner)).id()));
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.errorCode()).isEqualTo("ERROR_NO_PERMISSIONS_TO_RESOURCE");
        assertThat(userId).isNotEmpty();
    }

    // ---- DELETE

    @Test
    void delete_erases_the_user_and_a_tombstone_is_listed_on_request() {
        ObjectNode body = TestApi.newUser().put("externalUserId", "gone-1");
        String id = api.createUser(body, token).id();
        api.clock.advance(Duration.ofSeconds(3));
        String deletedAt = CreateUserTest.now(api);

        Reply deleted = send("DELETE", id, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api.get("/api/users/" + id, token).errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
        assertThat(api.put("/api/users/" + id, TestApi.json().put("firstName", "X"), token).status()).isEqualTo(404);
        assertThat(api.put("/api/users/" + id + "/update-policy", TestApi.json().put("policyNumber", "P")
                .put("startDate", "2024-01-01T00:00:00.000Z").put("endDate", "2025-01-01T00:00:00.000Z"), token)
                .status()).isEqualTo(404);
        assertThat(send("DELETE", id, null).errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
        assertThat(api.post("/api/users", body, token).status()).isEqualTo(200);
        assertThat(idsOf(api.get("/api/users", token))).doesNotContain(id);
        JsonNode tombstone = api.get("/api/users?includeDeleted=true&updatedSince=" + enc(deletedAt), token)
                .json().get("users").get(0);
        assertThat(tombstone.get("id").asText()).isEqualTo(id);
        assertThat(tombstone.get("deleted").asBoolean()).isTrue();
        assertThat(tombstone.get("updated").asText()).isEqualTo(deletedAt);
        assertThat(CreateUserTest.fieldNames(tombstone)).containsExactly("id", "deleted", "updated");
    }

    @Test
    void delete_of_another_partners_user_is_404_and_needs_admin_scope() {
        PartnerKeys other = api.newPartner();
        String othersUser = api.createUser(TestApi.newUser(), api.adminToken(other)).id();

        Reply foreign = send("DELETE", othersUser, null);
        Reply asUser = api.send("DELETE", "/api/users/" + othersUser, null, api.userToken(other, othersUser));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(api.get("/api/users/" + othersUser, api.adminToken(other)).status()).isEqualTo(200);
    }

    // ---- entity tags and conditions

    @Test
    void every_single_user_answer_carries_a_strong_etag_that_moves_with_the_user() {
        Reply created = api.createUser(TestApi.newUser(), token);
        String id = created.id();
        String tag = created.header("ETag").orElseThrow();
        Reply got = api.get("/api/users/" + id, token);
        Reply unchanged = api.put("/api/users/" + id, TestApi.json().put("firstName", "Ada"), token);
        Reply changed = api.put("/api/users/" + id, TestApi.json().put("firstName", "Augusta"), token);
        Reply policy = api.put("/api/users/" + id + "/update-policy", TestApi.json().put("policyNumber", "P-1")
                .put("startDate", "2024-01-01T00:00:00.000Z").put("endDate", "2025-01-01T00:00:00.000Z"), token);

        assertThat(tag).matches("\"[^\"]+\"");
        assertThat(got.header("ETag")).contains(tag);
        assertThat(unchanged.header("ETag")).contains(tag);
        assertThat(changed.header("ETag").orElseThrow()).isNotEqualTo(tag);
        assertThat(policy.header("ETag").orElseThrow()).isNotIn(tag, changed.header("ETag").orElseThrow());
    }

    @Test
    void if_none_match_on_get_answers_304_without_a_body_while_the_user_is_unchanged() {
        Reply created = api.createUser(TestApi.newUser(), token);
        String tag = created.header("ETag").orElseThrow();

        Reply same = send("GET", created.id(), null, "If-None-Match", "\"other\", " + tag);
        Reply weak = send("GET", created.id(), null, "If-None-Match", "W/" + tag);
        api.put("/api/users/" + created.id(), TestApi.json().put("firstName", "Augusta"), token);
        Reply changed = send("GET", created.id(), null, "If-None-Match", tag);

        assertThat(same.status()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.header("ETag")).contains(tag);
        assertThat(weak.status()).isEqualTo(304);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("firstName").asText()).isEqualTo("Augusta");
    }

    @Test
    void if_match_with_a_stale_tag_is_412_and_writes_nothing_on_every_write() {
        Reply created = api.createUser(TestApi.newUser(), token);
        String id = created.id();
        String stale = created.header("ETag").orElseThrow();
        String current = api.put("/api/users/" + id, TestApi.json().put("firstName", "Augusta"), token)
                .header("ETag").orElseThrow();
        ObjectNode policy = TestApi.json().put("policyNumber", "P-1").put("startDate", "2024-01-01T00:00:00.000Z")
                .put("endDate", "2025-01-01T00:00:00.000Z");

        List<Reply> refused = List.of(
                send("PUT", id, TestApi.json().put("firstName", "X"), "If-Match", stale),
                send("PUT", id, TestApi.json().put("firstName", "X"), "If-Match", "W/" + current),
                send("PUT", id + "/update-policy", policy, "If-Match", stale),
                sendPatch(id, TestApi.json().put("firstName", "X"), "If-Match", stale),
                send("DELETE", id, null, "If-Match", stale));

        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(412);
            assertThat(r.errorCode()).isEqualTo("ERROR_PRECONDITION_FAILED");
        });
        Reply after = api.get("/api/users/" + id, token);
        assertThat(after.json().get("firstName").asText()).isEqualTo("Augusta");
        assertThat(after.header("ETag")).contains(current);
        Reply matching = send("PUT", id, TestApi.json().put("firstName", "Y"), "If-Match", stale + ", " + current);
        assertThat(matching.status()).isEqualTo(200);
        assertThat(send("DELETE", id, null, "If-Match", "*").status()).isEqualTo(204);
    }

    /** RFC 9110 13.1.2: on a write, If-None-Match fails when it names the current tag (weakly) or is *. */
    @Test
    void if_none_match_with_the_current_tag_or_a_star_is_412_and_writes_nothing_on_every_write() {
        Reply created = api.createUser(TestApi.newUser(), token);
        String id = created.id();
        String current = created.header("ETag").orElseThrow();
        ObjectNode policy = TestApi.json().put("policyNumber", "P-1").put("startDate", "2024-01-01T00:00:00.000Z")
                .put("endDate", "2025-01-01T00:00:00.000Z");

        List<Reply> refused = List.of(
                send("PUT", id, TestApi.json().put("firstName", "X"), "If-None-Match", "*"),
                send("PUT", id, TestApi.json().put("firstName", "X"), "If-None-Match", "W/" + current),
                send("PUT", id + "/update-policy", policy, "If-None-Match", "\"99\", " + current),
                sendPatch(id, TestApi.json().put("firstName", "X"), "If-None-Match", current),
                send("DELETE", id, null, "If-None-Match", "*"),
                send("PUT", id, TestApi.json().put("firstName", "X"), "If-Match", current, "If-None-Match", "*"));

        assertThat(refused).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(412);
            assertThat(r.errorCode()).isEqualTo("ERROR_PRECONDITION_FAILED");
        });
        Reply after = api.get("/api/users/" + id, token);
        assertThat(after.header("ETag")).contains(current);
        assertThat(send("PUT", id, TestApi.json().put("firstName", "Y"), "If-None-Match", "\"99\"").status())
                .isEqualTo(200);
    }

    /** Only a GET or HEAD is ever "not modified": a write whose new tag the header names still answers it. */
    @Test
    void a_write_whose_new_tag_if_none_match_names_answers_200_with_the_user_and_so_does_its_replay() {
        Reply created = api.createUser(TestApi.newUser(), token);
        String id = created.id();
        long version = Long.parseLong(created.header("ETag").orElseThrow().replace("\"", ""));
        String next = "\"" + (version + 1) + "\"";

        Reply patched = sendPatch(id, TestApi.json().put("firstName", "Augusta"), "If-None-Match", next,
                "Idempotency-Key", "none-match-1");
        Reply replayed = sendPatch(id, TestApi.json().put("firstName", "Augusta"), "If-None-Match", next,
                "Idempotency-Key", "none-match-1");

        assertThat(List.of(patched, replayed)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("ETag")).contains(next);
            assertThat(r.json().get("firstName").asText()).isEqualTo("Augusta");
        });
        assertThat(replayed.header("Idempotent-Replayed")).contains("true");
    }

    /** Every line of the header counts, on a GET as on a write. */
    @Test
    void if_none_match_given_on_two_lines_is_one_list() {
        Reply created = api.createUser(TestApi.newUser(), token);
        String current = created.header("ETag").orElseThrow();

        Reply get = api.send(api.request("/api/users/" + created.id()).header("Authorization", "Bearer " + token)
                .header("If-None-Match", "\"999\"").header("If-None-Match", current).GET().build());

        assertThat(get.status()).isEqualTo(304);
    }

    /** Every update answers in one order: the user (404), If-Match (412), then the body's rules (400). */
    @Test
    void an_unknown_user_or_a_stale_tag_is_answered_before_the_fields_rules_on_every_update() {
        Reply created = api.createUser(TestApi.newUser(), token);
        String id = created.id();
        String stale = created.header("ETag").orElseThrow();
        api.put("/api/users/" + id, TestApi.json().put("firstName", "Augusta"), token);
        String unknown = "01890a5d-ac96-774b-bcce-b302099a8057";
        ObjectNode badName = TestApi.json().put("firstName", "");
        ObjectNode badPolicy = TestApi.json().put("policyNumber", "");

        assertThat(List.of(send("PUT", unknown, badName, "If-Match", stale),
                sendPatch(unknown, badName, "If-Match", stale),
                send("PUT", unknown + "/update-policy", badPolicy, "If-Match", stale)))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(404));
        assertThat(List.of(send("PUT", id, badName, "If-Match", stale),
                sendPatch(id, badName, "If-Match", stale),
                send("PUT", id + "/update-policy", badPolicy, "If-Match", stale)))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(412));
        assertThat(List.of(send("PUT", id, badName, "If-Match", "*"),
                sendPatch(id, badName, "If-Match", "*"),
                send("PUT", id + "/update-policy", badPolicy, "If-Match", "*")))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
    }

    // ---- PATCH

    @Test
    void patch_takes_a_json_merge_patch_and_nothing_else() {
        Reply created = api.createUser(TestApi.newUser().put("customField1", "blue"), token);
        ObjectNode patch = TestApi.json().put("firstName", "Augusta").putNull("customField1");
        patch.putObject("address").put("city", "Shelbyville");

        Reply patched = sendPatch(created.id(), patch);
        Reply asJson = send("PATCH", created.id(), TestApi.json().put("firstName", "X"));
        Reply nullRequired = sendPatch(created.id(), TestApi.json().putNull("lastName"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("firstName").asText()).isEqualTo("Augusta");
        assertThat(patched.json().get("customField1").isNull()).isTrue();
        assertThat(patched.json().at("/address/city").asText()).isEqualTo("Shelbyville");
        assertThat(patched.json().at("/address/addressLine1").asText()).isEqualTo("1 Main St");
        assertThat(patched.header("ETag")).isPresent();
        assertThat(asJson.status()).isEqualTo(415);
        assertThat(asJson.errorCode()).isEqualTo("ERROR_UNSUPPORTED_MEDIA_TYPE");
        assertThat(nullRequired.status()).isEqualTo(400);
        assertThat(nullRequired.errorFields()).containsExactly("lastName");
    }

    // ---- helpers

    private Reply sendPatch(String id, Object body, String... headers) {
        HttpRequest.Builder request = api.request("/api/users/" + id).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", TestApi.jsonOf(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.send(request.build());
    }

    private Reply send(String method, String idAndRest, Object body, String... headers) {
        HttpRequest.Builder request = api.request("/api/users/" + idAndRest).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, TestApi.jsonOf(body));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.send(request.build());
    }

    private static List<String> idsOf(Reply reply) {
        List<String> ids = new ArrayList<>();
        reply.json().get("users").forEach(u -> ids.add(u.get("id").asText()));
        return ids;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
