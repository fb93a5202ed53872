package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** The deprecated scheme: partner credentials in headers on every request. */
class LegacyHeaderAuthTest {

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder request, PartnerKeys keys) {
        return request.header("partnerId", keys.partnerId()).header("clientId", keys.clientId())
                .header("clientSecret", keys.clientSecret());
    }

    private static HttpRequest createUser(TestApi api, PartnerKeys keys) {
        return withHeaders(api.request("/api/users"), keys).header("Content-Type", "application/json")
                .POST(TestApi.jsonOf(TestApi.newUser())).build();
    }

    @Test
    void works_like_an_admin_token_and_says_it_is_deprecated() {
        try (TestApi api = TestApi.start()) {
            PartnerKeys keys = api.newPartner();

            Reply created = api.send(createUser(api, keys));
            Reply read = api.send(withHeaders(api.request("/api/users/" + created.id()), keys).GET().build());

            assertThat(created.status()).isEqualTo(200);
            assertThat(created.header("Deprecation")).contains("true");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("Deprecation")).contains("true");
            assertThat(api.get("/api/users/" + created.id(), api.adminToken(keys)).status()).isEqualTo(200);
        }
    }

    @Test
    void refuses_wrong_incomplete_or_disabled_credentials() {
        try (TestApi api = TestApi.start()) {
            PartnerKeys keys = api.newPartner();
            PartnerKeys other = api.newPartner();
            PartnerKeys wrongSecret = new PartnerKeys(keys.partnerId(), keys.clientId(), other.clientSecret());
            PartnerKeys mismatched = new PartnerKeys(other.partnerId(), keys.clientId(), keys.clientSecret());

            for (PartnerKeys bad : new PartnerKeys[] {wrongSecret, mismatched}) {
                Reply reply = api.send(createUser(api, bad));
                assertThat(reply.status()).isEqualTo(401);
                assertThat(reply.errorCode()).isEqualTo("ERROR_UNAUTHORIZED");
                assertThat(reply.header("Deprecation")).contains("true");
            }
            Reply incomplete = api.send(api.request("/api/users").header("clientId", keys.clientId())
                    .header("clientSecret", keys.clientSecret()).header("Content-Type", "application/json")
                    .POST(TestApi.jsonOf(TestApi.newUser())).build());
            assertThat(incomplete.status()).isEqualTo(401);

            api.partners.disable(keys.partnerId());
            assertThat(api.send(createUser(api, keys)).status()).isEqualTo(401);
        }
    }

    @Test
    void a_credential_header_given_twice_is_a_400_naming_it_whichever_comes_first() {
        try (TestApi api = TestApi.start()) {
            PartnerKeys keys = api.newPartner();
            PartnerKeys other = api.newPartner();
            String[][] twice = {{"partnerId", keys.partnerId(), other.partnerId()},
                {"clientId", keys.clientId(), other.clientId()}, {"clientSecret", keys.clientSecret(), "wrong"}};

            for (String[] header : twice) {
                for (int first = 1; first <= 2; first++) {
                    // Which one is the caller? A gateway in front may have checked the other.
                    Reply reply = api.send(withHeaders(api.request("/api/users"), keys)
                            .header(header[0], header[first]).header(header[0], header[3 - first]).GET().build());

                    assertThat(reply.status()).as(header[0]).isEqualTo(400);
                    assertThat(reply.errorFields()).containsExactly(header[0]);
                    assertThat(reply.header("Deprecation")).contains("true");
                }
            }
        }
    }

    @Test
    void answers_of_no_route_or_refused_before_one_say_the_scheme_is_deprecated_too() {
        try (TestApi api = TestApi.start()) {
            PartnerKeys keys = api.newPartner();

            Reply wrongMethod = api.send(withHeaders(api.request("/api/users"), keys)
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
            Reply noSuchPath = api.send(withHeaders(api.request("/api/nothing"), keys).GET().build());
            Reply undecodableQuery = api.send(withHeaders(api.request("/api/users?x=%ff%fe"), keys).GET().build());

            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Deprecation")).contains("true");
            assertThat(noSuchPath.status()).isEqualTo(404);
            assertThat(noSuchPath.header("Deprecation")).contains("true");
            assertThat(undecodableQuery.status()).isEqualTo(400);
            assertThat(undecodableQuery.header("Deprecation")).contains("true");
        }
    }

    @Test
    void a_bearer_token_wins_over_legacy_headers_sent_alongside() {
        try (TestApi api = TestApi.start()) {
            PartnerKeys keys = api.newPartner();
            PartnerKeys wrong = new PartnerKeys(keys.partnerId(), keys.clientId(), "not-the-secret");

            Reply reply = api.send(withHeaders(api.request("/api/users"), wrong)
                    .header("Authorization", "Bearer " + api.adminToken(keys))
                    .header("Content-Type", "application/json").POST(TestApi.jsonOf(TestApi.newUser())).build());

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Deprecation")).isEmpty();
        }
    }

    @Test
    void is_refused_when_switched_off_while_bearer_tokens_still_work() {
        try (TestApi api = TestApi.withoutLegacyHeaders()) {
            PartnerKeys keys = api.newPartner();

            Reply legacy = api.send(createUser(api, keys));
            Reply bearer = api.post("/api/users", TestApi.newUser(), api.adminToken(keys));

            assertThat(legacy.status()).isEqualTo(401);
            assertThat(legacy.errorCode()).isEqualTo("ERROR_UNAUTHORIZED");
            assertThat(legacy.header("Deprecation")).isEmpty();
            assertThat(bearer.status()).isEqualTo(200);
            assertThat(bearer.header("Deprecation")).isEmpty();
        }
    }
}
