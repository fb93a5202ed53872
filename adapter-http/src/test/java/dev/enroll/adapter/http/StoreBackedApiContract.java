package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What must hold whatever store the API runs on: partners never see each other's users, and
 * identical requests racing each other create one user. Each store gets a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreBackedApiContract {

    private static final int RACERS = 20;

    private TestApi api;
    private PartnerKeys partner;
    private String token;

    /** The stores to run on, fresh for this test class. */
    abstract Stores stores();

    /** Releases what {@link #stores()} holds, after the server has stopped. */
    void releaseStores() {
    }

    @BeforeAll
    void startServer() {
        api = TestApi.start(stores());
    }

    @AfterAll
    void stopServer() {
        api.close();
        releaseStores();
    }

    @BeforeEach
    void newPartner() {
        partner = api.newPartner();
        token = api.adminToken(partner);
    }

    // ---- tenancy

    @Test
    void text_no_store_can_keep_is_a_400_naming_the_field_never_a_500() {
        ObjectNode body = TestApi.newUser().put("firstName", "Ada\u0000").put("customField1", "line\nbreak");

        Reply reply = api.post("/api/users", body, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("firstName", "customField1");
    }

    @Test
    void another_partners_user_is_not_found_exactly_like_an_unknown_one() {
        String othersToken = api.adminToken(api.newPartner());
        String othersUser = api.createUser(TestApi.newUser(), othersToken).id();
        String unknown = "01890a5d-ac96-774b-bcce-b302099a8057";

        Reply foreign = api.get("/api/users/" + othersUser, token);
        Reply missing = api.get("/api/users/" + unknown, token);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
        assertThat(foreign.body()).isEqualTo(missing.body());
    }

    @Test
    void another_partners_user_cannot_be_changed() {
        String othersToken = api.adminToken(api.newPartner());
        Reply theirs = api.createUser(TestApi.newUser(), othersToken);
        String path = "/api/users/" + theirs.id();
        ObjectNode policy = TestApi.json().put("policyNumber", "P-1").put("startDate", "2024-01-01T00:00:00Z")
                .put("endDate", "2025-01-01T00:00:00Z");

        Reply update = api.put(path, TestApi.json().put("firstName", "Mallory"), token);
        Reply updatePolicy = api.put(path + "/update-policy", policy, token);

        assertThat(update.status()).isEqualTo(404);
        assertThat(update.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
        assertThat(updatePolicy.status()).isEqualTo(404);
        assertThat(api.get(path, othersToken).json()).isEqualTo(theirs.json());
    }

    @Test
    void partners_may_each_have_a_user_with_the_same_phone_and_email() {
        ObjectNode body = TestApi.newUser();
        String othersToken = api.adminToken(api.newPartner());
        String theirs = api.createUser(body, othersToken).id();

        Reply mine = api.post("/api/users?returnExistingUserIfExists=true", body, token);

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.id()).isNotEqualTo(theirs);
    }

    @Test
    void a_user_token_cannot_be_had_for_another_partners_user() {
        String othersUser = api.createUser(TestApi.newUser(), api.adminToken(api.newPartner())).id();

        Reply reply = api.post("/api/auth/token", TestApi.tokenRequest(partner).put("scope", "user")
                .put("userId", othersUser));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo("ERROR_USER_NOT_FOUND");
    }

    // ---- concurrency

    /** Sends {@code RACERS} copies of one request at once and answers the replies. */
    private List<Reply> race(Function<Integer, HttpRequest> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                HttpRequest built = request.apply(i);
                replies.add(threads.submit(() -> {
                    start.await();
                    return api.send(built);
                }));
            }
            start.countDown();
            List<Reply> answered = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                answered.add(reply.get(60, TimeUnit.SECONDS));
            }
            return answered;
        } finally {
            threads.shutdownNow();
        }
    }

    private HttpRequest create(String path, ObjectNode body) {
        return api.request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(TestApi.jsonOf(body)).build();
    }

    @Test
    void twenty_identical_creates_at_once_make_one_user_and_nineteen_conflicts() throws Exception {
        ObjectNode body = TestApi.newUser();

        List<Reply> replies = race(i -> create("/api/users", body));

        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() == 409).hasSize(RACERS - 1)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("ERROR_USER_ALREADY_EXISTS"));
    }

    @Test
    void twenty_identical_creates_returning_existing_users_all_answer_the_one_user() throws Exception {
        ObjectNode body = TestApi.newUser();

        List<Reply> replies = race(i -> create("/api/users?returnExistingUserIfExists=true", body));

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(replies.stream().map(Reply::id).distinct()).hasSize(1);
        assertThat(api.get("/api/users/" + replies.get(0).id(), token).status()).isEqualTo(200);
    }

    @Test
    void twenty_identical_creates_with_policy_at_once_make_one_user() throws Exception {
        ObjectNode body = TestApi.newUserWithPolicy();

        List<Reply> conflicting = race(i -> create("/api/users/with-policy", body));
        List<Reply> returning = race(i -> create("/api/users/with-policy?returnExistingUserIfExists=true", body));

        assertThat(conflicting).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(conflicting).filteredOn(r -> r.status() == 409).hasSize(RACERS - 1);
        String id = conflicting.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().id();
        assertThat(returning).allSatisfy(r -> assertThat(r.id()).isEqualTo(id));
    }

    @Test
    void concurrent_updates_of_different_fields_all_land() throws Exception {
        String path = "/api/users/" + api.createUser(TestApi.newUser(), token).id();
        int writers = 5;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> replies = new ArrayList<>();
            for (int field = 1; field <= writers; field++) {
                ObjectNode patch = TestApi.json().put("customField" + field, "value " + field);
                replies.add(threads.submit(() -> {
                    start.await();
                    return api.put(path, patch, token);
                }));
            }
            start.countDown();
            for (Future<Reply> reply : replies) {
                assertThat(reply.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }

        Reply user = api.get(path, token);
        for (int field = 1; field <= writers; field++) {
            assertThat(user.json().get("customField" + field).asText()).isEqualTo("value " + field);
        }
    }
}
