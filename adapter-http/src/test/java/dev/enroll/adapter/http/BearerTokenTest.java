package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which bearer tokens open the API, and which do not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokenTest {

    private final TestApi api = TestApi.start();
    private PartnerKeys partner;
    private String token;

    @BeforeEach
    void newPartner() {
        partner = api.newPartner();
        token = api.adminToken(partner);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private Reply createWith(String bearer) {
        return api.post("/api/users", TestApi.newUser(), bearer);
    }

    private static void assertUnauthorized(Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("ERROR_UNAUTHORIZED");
        assertThat(reply.header("WWW-Authenticate")).contains("Bearer realm=\"enroll\"");
    }

    /** Every endpoint that needs a token, with a body it would accept. */
    Stream<Arguments> protectedEndpoints() {
        String id = "01890a5d-ac96-774b-bcce-b302099a8057";
        return Stream.of(Arguments.of("POST", "/api/users", TestApi.newUser().toString()),
                Arguments.of("POST", "/api/users/with-policy", TestApi.newUserWithPolicy().toString()),
                Arguments.of("PUT", "/api/users/" + id, "{}"),
                Arguments.of("PUT", "/api/users/" + id + "/update-policy", "{}"),
                Arguments.of("GET", "/api/users/" + id, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protectedEndpoints")
    void every_user_endpoint_refuses_a_request_without_credentials(String method, String path, String body) {
        assertUnauthorized(api.send(method, path, body, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("protectedEndpoints")
    void every_user_endpoint_refuses_a_user_scope_token_except_reading_its_own_user(String method, String path,
                                                                                   String body) {
        String userId = api.createUser(TestApi.newUser(), token).id();
        String userToken = api.userToken(partner, userId);

        Reply reply = api.send(method, path, body, userToken);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("ERROR_NO_PERMISSIONS_TO_RESOURCE");
    }

    @Test
    void a_user_scope_token_reads_its_own_user_and_nothing_else() {
        String userId = api.createUser(TestApi.newUser(), token).id();
        String otherId = api.createUser(TestApi.newUser(), token).id();
        String userToken = api.userToken(partner, userId);

        assertThat(api.get("/api/users/" + userId, userToken).status()).isEqualTo(200);
        assertThat(api.get("/api/users/" + otherId, userToken).status()).isEqualTo(403);
        assertThat(api.put("/api/users/" + userId, "{}", userToken).status()).isEqualTo(403);
    }

    @Test
    void refuses_other_authorization_schemes_and_garbage() {
        for (String authorization : new String[] {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer abc.def.ghi",
                "Bearer " + token + "x", token}) {
            Reply reply = api.send(api.request("/api/users/01890a5d-ac96-774b-bcce-b302099a8057")
                    .header("Authorization", authorization).GET().build());
            assertUnauthorized(reply);
        }
    }

    /** Which header is the caller? A gateway in front may have checked the other one: neither is taken. */
    @Test
    void refuses_two_authorization_headers_whichever_comes_first() {
        for (String[] order : new String[][] {{"Bearer " + token, "Bearer junk"}, {"Bearer junk", "Bearer " + token}}) {
            Reply reply = api.send(api.request("/api/users").header("Authorization", order[0])
                    .header("Authorization", order[1]).GET().build());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.errorFields()).containsExactly("Authorization");
        }
    }

    @Test
    void accepts_the_scheme_name_in_any_case() {
        Reply reply = api.send(api.request("/api/users/01890a5d-ac96-774b-bcce-b302099a8057")
                .header("Authorization", "bearer " + token).GET().build());

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void a_token_expires_after_its_lifetime_plus_the_clock_skew() {
        api.clock.advance(Duration.ofHours(1).plusSeconds(29));
        assertThat(createWith(token).status()).isEqualTo(200);

        api.clock.advance(Duration.ofSeconds(2));
        assertUnauthorized(createWith(token));
    }

    @Test
    void a_clock_set_back_before_a_tokens_issue_time_refuses_it_though_it_was_accepted_before() {
        assertThat(createWith(token).status()).isEqualTo(200);

        api.clock.advance(Duration.ofSeconds(-31));
        try {
            assertUnauthorized(createWith(token));
        } finally {
            api.clock.advance(Duration.ofSeconds(31));
        }
    }

    @Test
    void refuses_a_token_that_is_not_valid_yet() {
        JWTClaimsSet claims = ForgedTokens.adminClaims(partner.partnerId(), api.clock)
                .notBeforeTime(Date.from(api.clock.instant().plus(Duration.ofMinutes(5)))).build();

        assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS256, TestApi.KEY, claims)));
    }

    @Test
    void refuses_a_token_issued_in_the_future() {
        JWTClaimsSet claims = ForgedTokens.adminClaims(partner.partnerId(), api.clock)
                .issueTime(Date.from(api.clock.instant().plus(Duration.ofMinutes(5)))).build();

        assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS256, TestApi.KEY, claims)));
    }

    @Test
    void a_correctly_signed_token_with_the_right_claims_is_accepted() {
        JWTClaimsSet claims = ForgedTokens.adminClaims(partner.partnerId(), api.clock).build();

        assertThat(createWith(ForgedTokens.signed(JWSAlgorithm.HS256, TestApi.KEY, claims)).status()).isEqualTo(200);
    }

    @Test
    void refuses_a_token_whose_claims_were_changed_after_signing() {
        PartnerKeys victim = api.newPartner();
        JWTClaimsSet claims = ForgedTokens.adminClaims(victim.partnerId(), api.clock).build();
        // The genuine token goes first: having been accepted must not let a copy of it through.
        assertThat(createWith(token).status()).isEqualTo(200);

        assertUnauthorized(createWith(ForgedTokens.withClaims(token, claims)));
    }

    @Test
    void refuses_a_token_with_a_damaged_signature() {
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(0);
        String damaged = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(createWith(token).status()).isEqualTo(200);

        assertUnauthorized(createWith(damaged));
    }

    @Test
    void refuses_another_spelling_of_an_accepted_tokens_signature() {
        String[] parts = token.split("\\.");
        // 32 bytes take 43 characters, whose last two bits are filler: flipping one names the same bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = parts[2].charAt(parts[2].length() - 1);
        char respelt = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String head = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 1);
        assertThat(createWith(token).status()).isEqualTo(200);

        assertUnauthorized(createWith(head + respelt));
        assertUnauthorized(createWith(token + "="));
    }

    @Test
    void refuses_a_copy_of_an_accepted_token_that_differs_only_in_the_case_of_one_letter() {
        String[] parts = token.split("\\.");
        int letter = 0;
        while (!Character.isLetter(parts[2].charAt(letter))) {
            letter++;
        }
        char original = parts[2].charAt(letter);
        char swapped = Character.isUpperCase(original) ? Character.toLowerCase(original) : Character.toUpperCase(original);
        String recased = parts[0] + "." + parts[1] + "." + parts[2].substring(0, letter) + swapped
                + parts[2].substring(letter + 1);
        // The same keep-alive connection: the server must read this header as sent, not as the one before.
        assertThat(createWith(token).status()).isEqualTo(200);

        assertUnauthorized(createWith(recased));
    }

    @Test
    void refuses_an_unsigned_token() {
        assertUnauthorized(createWith(ForgedTokens.unsigned(ForgedTokens.adminClaims(partner.partnerId(), api.clock)
                .build())));
    }

    @Test
    void refuses_another_hmac_algorithm_even_under_the_right_key() {
        JWTClaimsSet claims = ForgedTokens.adminClaims(partner.partnerId(), api.clock).build();

        assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS512, TestApi.KEY, claims)));
        assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS384, TestApi.KEY, claims)));
    }

    @Test
    void refuses_an_rs256_token_signed_with_the_key_as_an_hmac_secret() {
        JWTClaimsSet claims = ForgedTokens.adminClaims(partner.partnerId(), api.clock).build();

        assertUnauthorized(createWith(ForgedTokens.rs256Shaped(TestApi.KEY, claims)));
    }

    @Test
    void refuses_a_token_signed_with_another_key() {
        byte[] otherKey = "another-key-another-key-another-key-another-key!!".getBytes(StandardCharsets.UTF_8);
        JWTClaimsSet claims = ForgedTokens.adminClaims(partner.partnerId(), api.clock).build();

        assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS256, otherKey, claims)));
    }

    @Test
    void refuses_a_token_from_another_issuer() {
        JWTClaimsSet claims = ForgedTokens.adminClaims(partner.partnerId(), api.clock).issuer("not-enroll").build();

        assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS256, TestApi.KEY, claims)));
    }

    @Test
    void refuses_a_token_without_expiry_or_with_an_unknown_scope() {
        JWTClaimsSet noExpiry = ForgedTokens.adminClaims(partner.partnerId(), api.clock).expirationTime(null).build();
        JWTClaimsSet unknownScope = ForgedTokens.adminClaims(partner.partnerId(), api.clock)
                .claim("scope", "superuser").build();
        JWTClaimsSet userWithoutUser = ForgedTokens.adminClaims(partner.partnerId(), api.clock)
                .claim("scope", "user").build();

        for (JWTClaimsSet claims : new JWTClaimsSet[] {noExpiry, unknownScope, userWithoutUser}) {
            assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS256, TestApi.KEY, claims)));
        }
    }

    @Test
    void refuses_a_valid_token_of_a_partner_that_does_not_exist() {
        JWTClaimsSet claims = ForgedTokens.adminClaims("no-such-partner", api.clock).build();

        assertUnauthorized(createWith(ForgedTokens.signed(JWSAlgorithm.HS256, TestApi.KEY, claims)));
    }

    @Test
    void a_disabled_partners_tokens_stop_working_at_once() {
        String userId = api.createUser(TestApi.newUser(), token).id();
        String userToken = api.userToken(partner, userId);

        api.partners.disable(partner.partnerId());

        assertUnauthorized(createWith(token));
        assertUnauthorized(api.get("/api/users/" + userId, userToken));
        assertUnauthorized(api.post("/api/auth/token", TestApi.tokenRequest(partner)));
    }

    /**
     * The create routes leave the partner check to the use case, which makes it in the same
     * round trip as its insert: whatever else is wrong with a disabled partner's create, it
     * hears 401 and nothing more, as on every other route.
     */
    @Test
    void a_disabled_partner_hears_only_401_from_the_create_routes_whatever_else_is_wrong() {
        ObjectNode existing = TestApi.newUserWithPolicy();
        assertThat(api.post("/api/users/with-policy", existing, token).status()).isEqualTo(200);
        String userToken = api.userToken(partner, api.createUser(TestApi.newUser(), token).id());
        api.partners.disable(partner.partnerId());

        for (String path : new String[] {"/api/users", "/api/users/with-policy"}) {
            assertUnauthorized(api.post(path, path.endsWith("policy") ? TestApi.newUserWithPolicy()
                    : TestApi.newUser(), token));
            assertUnauthorized(api.post(path, "{\"firstName\": 42}", token));
            assertUnauthorized(api.post(path, "{not json", token));
            assertUnauthorized(api.post(path + "?returnExistingUserIfExists=maybe", TestApi.newUser(), token));
            assertUnauthorized(api.send(api.request(path).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/plain").POST(TestApi.jsonOf(TestApi.newUser())).build()));
            assertUnauthorized(api.post(path, TestApi.newUser(), userToken));
        }
        // The user it already has is not handed back either.
        assertUnauthorized(api.post("/api/users/with-policy?returnExistingUserIfExists=true", existing, token));
        assertUnauthorized(api.post("/api/users/with-policy", existing, token));
    }
}
