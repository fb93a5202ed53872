package dev.enroll.adapter.http;

import static dev.enroll.adapter.http.OperationsTest.withCreateHeld;
import static dev.enroll.adapter.http.OperationsTest.withCreateUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.adapter.persistence.postgres.PostgresStore;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.in.CreateUserUseCase;
import dev.enroll.application.port.out.IdempotencyStore;
import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on every write: replay, reuse, in use, refusals and failures not kept, and across two instances. */
class IdempotencyApiTest extends PartnerApiTest {

    @Test
    void a_repeated_create_gets_the_first_answer_again_and_creates_nothing() {
        ObjectNode user = TestApi.newUser();

        Reply first = send(api, "POST", "/api/users", user.toString(), "create-1");
        Reply again = send(api, "POST", "/api/users", user.toString(), "create-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(api.get("/api/users", token).json().get("users")).hasSize(1);
    }

    @Test
    void the_same_json_in_another_spelling_is_the_same_request() {
        ObjectNode user = TestApi.newUser();
        String reordered = "{ \"phone\" : " + user.get("phone") + ", " + user.toString().substring(1)
                .replace("\"phone\":" + user.get("phone") + ",", "");

        Reply first = send(api, "POST", "/api/users", user.toString(), "spelling");
        Reply again = send(api, "POST", "/api/users", reordered, "spelling");

        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.id()).isEqualTo(first.id());
    }

    /** JSON the route refuses (a key twice, text after the object) is not a spelling of what it took. */
    @Test
    void a_body_the_route_would_refuse_is_never_the_same_request_as_one_it_took() {
        ObjectNode user = TestApi.newUser();
        String json = user.toString();
        send(api, "POST", "/api/users", json, "strict");

        Reply trailing = send(api, "POST", "/api/users", json + " {}", "strict");
        Reply keyTwice = send(api, "POST", "/api/users",
                "{\"firstName\":\"Grace\"," + json.substring(1), "strict");

        assertThat(List.of(trailing, keyTwice)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.errorCode()).isEqualTo("ERROR_IDEMPOTENCY_KEY_REUSED");
            assertThat(reply.header("Idempotent-Replayed")).isEmpty();
        });
    }

    @Test
    void the_key_with_another_request_is_422_and_runs_nothing() {
        String id = api.createUser(TestApi.newUser(), token).id();
        send(api, "POST", "/api/users", TestApi.newUser().toString(), "reuse");

        Reply otherBody = send(api, "POST", "/api/users", TestApi.newUser().toString(), "reuse");
        Reply otherPath = send(api, "PUT", "/api/users/" + id, "{\"firstName\":\"X\"}", "reuse");
        Reply otherQuery = send(api, "POST", "/api/users?returnExistingUserIfExists=true",
                TestApi.newUser().toString(), "reuse");

        assertThat(List.of(otherBody, otherPath, otherQuery)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.errorCode()).isEqualTo("ERROR_IDEMPOTENCY_KEY_REUSED");
        });
        assertThat(api.get("/api/users/" + id, token).json().get("firstName").asText()).isEqualTo("Ada");
        assertThat(api.get("/api/users", token).json().get("users")).hasSize(2);
    }

    @Test
    void every_write_route_takes_a_key() {
        String id = api.createUser(TestApi.newUser(), token).id();

        Reply put = send(api, "PUT", "/api/users/" + id, "{\"firstName\":\"Augusta\"}", "put-1");
        Reply putAgain = send(api, "PUT", "/api/users/" + id, "{\"firstName\":\"Augusta\"}", "put-1");
        Reply deleted = send(api, "DELETE", "/api/users/" + id, null, "delete-1");
        Reply deletedAgain = send(api, "DELETE", "/api/users/" + id, null, "delete-1");

        assertThat(putAgain.header("Idempotent-Replayed")).contains("true");
        assertThat(putAgain.header("ETag")).isEqualTo(put.header("ETag"));
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deletedAgain.status()).isEqualTo(204);
        assertThat(deletedAgain.header("Idempotent-Replayed")).contains("true");
    }

    @Test
    void a_refused_request_is_not_kept_so_its_key_carries_the_request_again_sent_as_it_was_or_fixed() {
        ObjectNode user = TestApi.newUser();
        String badPhone = user.deepCopy().put("phone", "12").toString();

        Reply refused = send(api, "POST", "/api/users", badPhone, "bad-1");
        Reply refusedAgain = send(api, "POST", "/api/users", badPhone, "bad-1");
        Reply fixed = send(api, "POST", "/api/users", user.toString(), "bad-1");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refusedAgain.status()).isEqualTo(400);
        assertThat(refusedAgain.header("Idempotent-Replayed")).isEmpty();
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(send(api, "POST", "/api/users", user.toString(), "bad-1").header("Idempotent-Replayed"))
                .contains("true");
    }

    @Test
    void a_refusal_for_a_header_the_key_does_not_cover_is_not_replayed_once_the_header_is_fixed() {
        ObjectNode user = TestApi.newUser();
        Reply wrongType = api.send(keyed("POST", "/api/users", user.toString(), "type-1", "Content-Type", "text/plain"));
        Reply rightType = send(api, "POST", "/api/users", user.toString(), "type-1");
        String path = "/api/users/" + rightType.id();
        String rename = "{\"firstName\":\"Augusta\"}";
        Reply stale = api.send(keyed("PUT", path, rename, "match-1", "Content-Type", "application/json",
                "If-Match", "\"not-the-tag\""));
        Reply current = api.send(keyed("PUT", path, rename, "match-1", "Content-Type", "application/json",
                "If-Match", rightType.header("ETag").orElseThrow()));

        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(rightType.status()).isEqualTo(200);
        assertThat(rightType.header("Idempotent-Replayed")).isEmpty();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.header("Idempotent-Replayed")).isEmpty();
        assertThat(current.json().get("firstName").asText()).isEqualTo("Augusta");
    }

    @Test
    void a_retry_that_respells_the_path_as_the_route_reads_it_is_the_same_request() {
        String id = api.createUser(TestApi.newUser(), token).id();
        String rename = "{\"firstName\":\"Augusta\"}";

        Reply first = send(api, "PUT", "/api/users/" + id.toUpperCase(java.util.Locale.ROOT) + "/", rename, "respelt-1");
        Reply again = send(api, "PUT", "/api/users/" + id, rename, "respelt-1");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        String user = TestApi.newUser().toString();
        Reply created = send(api, "POST", "/api/users/", user, "respelt-2");
        Reply createdAgain = send(api, "POST", "/api/users", user, "respelt-2");
        assertThat(created.status()).as("a create on the path with a slash").isEqualTo(200);
        assertThat(createdAgain.header("Idempotent-Replayed")).contains("true");
        assertThat(createdAgain.id()).isEqualTo(created.id());
    }

    @Test
    void a_bad_key_is_400_naming_the_header() {
        Reply tooLong = send(api, "POST", "/api/users", TestApi.newUser().toString(), "k".repeat(256));
        Reply twice = api.send(keyed("POST", "/api/users", TestApi.newUser().toString(), "twice-1",
                "Content-Type", "application/json", "Idempotency-Key", "twice-2"));

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorFields()).containsExactly("Idempotency-Key");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.errorFields()).containsExactly("Idempotency-Key");
        assertThat(api.get("/api/users", token).json().get("users")).isEmpty();
    }

    /** Another erasure that finds the user gone forgets what was kept about them, but not the 204. */
    @Test
    void a_keyed_delete_replays_its_204_after_another_delete_found_the_user_gone() {
        String id = api.createUser(TestApi.newUser(), token).id();

        assertThat(send(api, "DELETE", "/api/users/" + id, null, "erase-once").status()).isEqualTo(204);
        assertThat(api.send("DELETE", "/api/users/" + id, null, token).status()).isEqualTo(404);
        Reply retried = send(api, "DELETE", "/api/users/" + id, null, "erase-once");

        assertThat(retried.status()).isEqualTo(204);
        assertThat(retried.header("Idempotent-Replayed")).contains("true");
    }

    @Test
    void erasing_a_user_forgets_the_answers_kept_about_them_so_no_replay_shows_their_data() {
        ObjectNode user = TestApi.newUser();
        Reply created = send(api, "POST", "/api/users", user.toString(), "erase-create");
        Reply updated = send(api, "PUT", "/api/users/" + created.id(), "{\"firstName\":\"Augusta\"}", "erase-put");
        Reply other = send(api, "POST", "/api/users", TestApi.newUser().toString(), "erase-other");

        assertThat(api.send("DELETE", "/api/users/" + created.id(), null, token).status()).isEqualTo(204);
        Reply createdAgain = send(api, "POST", "/api/users", user.toString(), "erase-create");
        Reply updatedAgain = send(api, "PUT", "/api/users/" + created.id(), "{\"firstName\":\"Augusta\"}",
                "erase-put");
        Reply otherAgain = send(api, "POST", "/api/users", TestApi.newUser().toString(), "erase-other");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(createdAgain.header("Idempotent-Replayed")).isEmpty();
        assertThat(createdAgain.id()).isNotEqualTo(created.id());
        assertThat(updatedAgain.header("Idempotent-Replayed")).isEmpty();
        assertThat(updatedAgain.status()).isEqualTo(404);
        assertThat(otherAgain.status()).isEqualTo(422);
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void the_import_refuses_a_key_and_imports_nothing_rather_than_ignore_it() {
        String body = ImportBodies.ndjson(TestApi.newUser());
        HttpRequest keyed = api.request(ImportBodies.PATH).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson").header("Idempotency-Key", "import-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();

        Reply refused = api.send(keyed);
        Reply refusedWithSlash = api.send(HttpRequest.newBuilder(keyed, (name, value) -> true)
                .uri(api.request(ImportBodies.PATH + "/").build().uri()).build());

        assertThat(refusedWithSlash.status()).as("the route Javalin matches with a trailing slash too").isEqualTo(400);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("ERROR_INVALID_PARAMETERS");
        assertThat(refused.errorFields()).containsExactly("Idempotency-Key");
        assertThat(api.get("/api/users", token).json().get("users")).isEmpty();
        assertThat(ImportBodies.summary(ImportBodies.importNdjson(api, "", body, token)).get("created").asInt())
                .isEqualTo(1);
    }

    @Test
    void a_server_error_is_not_kept_so_the_retry_runs() {
        AtomicInteger calls = new AtomicInteger();
        try (TestApi flaky = TestApi.withUseCases(u -> withCreateUser(u, command -> {
            if (calls.incrementAndGet() == 1) {
                throw new StoreUnavailableException("down for the test", null);
            }
            return u.createUser().create(command);
        }))) {
            String flakyToken = flaky.adminToken(flaky.newPartner());
            String user = TestApi.newUser().toString();

            Reply failed = send(flaky, flakyToken, "POST", "/api/users", user, "retry-1");
            Reply retried = send(flaky, flakyToken, "POST", "/api/users", user, "retry-1");

            assertThat(failed.status()).isEqualTo(503);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        }
    }

    @Test
    void a_key_the_database_could_not_free_after_a_503_carries_the_retry_once_it_answers() {
        Outage outage = new Outage();
        try (TestApi server = TestApi.withUseCases(outage.stores(), u -> withCreateUser(u, outage.failing(u)))) {
            String bearer = server.adminToken(server.newPartner());
            String user = TestApi.newUser().toString();

            outage.down = true;
            Reply failed = send(server, bearer, "POST", "/api/users", user, "outage-1");
            outage.down = false;
            Reply retried = send(server, bearer, "POST", "/api/users", user, "outage-1");

            assertThat(failed.status()).isEqualTo(503);
            assertThat(outage.failedReleases).hasValue(1);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        }
    }

    @Test
    void a_claim_whose_answer_was_lost_with_the_database_carries_the_retry_once_it_answers() {
        Outage outage = new Outage();
        try (TestApi server = TestApi.withUseCases(outage.stores(), u -> withCreateUser(u, outage.failing(u)))) {
            String bearer = server.adminToken(server.newPartner());
            String user = TestApi.newUser().toString();

            // The database takes the claim, then the connection fails before it says so.
            outage.claimAnswerLost = true;
            Reply failed = send(server, bearer, "POST", "/api/users", user, "lost-1");
            Reply retried = send(server, bearer, "POST", "/api/users", user, "lost-1");

            assertThat(failed.status()).isEqualTo(503);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.header("Idempotent-Replayed")).isEmpty();
        }
    }

    @Test
    void a_late_release_frees_only_its_own_claim_not_the_retry_that_took_the_key_since() throws Exception {
        Outage outage = new Outage();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Stores shared = outage.stores();
        try (TestApi first = TestApi.withUseCases(shared, u -> withCreateUser(u, outage.failing(u)));
             TestApi second = TestApi.withUseCases(shared, u -> withCreateHeld(u, entered, release))) {
            PartnerKeys partner = first.newPartner();
            String user = TestApi.newUser().toString();
            // The database frees the key but its answer is lost: the first instance keeps the key to free.
            outage.down = true;
            outage.releaseAppliedBeforeFailing = true;
            assertThat(send(first, first.adminToken(partner), "POST", "/api/users", user, "late-1").status())
                    .isEqualTo(503);
            outage.down = false;
            // The retry comes a second later (the test's clocks stand still otherwise).
            second.clock.advance(Duration.ofSeconds(1));

            // The retry goes to the other instance, finds the key free, and runs.
            CompletableFuture<Reply> rerun = second.sendAsync(request(second, second.adminToken(partner), "POST",
                    "/api/users", user, "late-1"));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            String bearer = first.adminToken(partner);
            Reply other = send(first, bearer, "POST", "/api/users", TestApi.newUser().toString(), "late-2");
            Reply meanwhile = send(first, bearer, "POST", "/api/users", user, "late-1");
            release.countDown();

            assertThat(outage.failedReleases).hasValue(1);
            assertThat(other.status()).isEqualTo(200);
            assertThat(meanwhile.status()).isEqualTo(409);
            assertThat(meanwhile.errorCode()).isEqualTo("ERROR_IDEMPOTENCY_KEY_IN_USE");
            assertThat(rerun.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    /**
     * A database that is down while {@code down}: creates fail with 503, and so does freeing a key,
     * which the database may have done all the same ({@code releaseAppliedBeforeFailing}: the answer was lost).
     */
    private static final class Outage {
        volatile boolean down;
        volatile boolean releaseAppliedBeforeFailing;
        /** The next claim is made, but its answer is lost on the way back (a 503). */
        volatile boolean claimAnswerLost;
        final AtomicInteger failedReleases = new AtomicInteger();

        Stores stores() {
            Stores memory = Stores.inMemory();
            IdempotencyStore keys = memory.idempotency();
            return new Stores(memory.users(), memory.partners(), memory.health(), new IdempotencyStore() {
                @Override
                public Claim claim(ContributorId partner, String key, byte[] fingerprint, Instant now,
                                   Instant expires, Instant leaseUntil) {
                    Claim claim = keys.claim(partner, key, fingerprint, now, expires, leaseUntil);
                    if (claimAnswerLost) {
                        claimAnswerLost = false;
                        throw new StoreUnavailableException("down for the test: the answer was lost", null);
                    }
                    return claim;
                }

                @Override
                public void complete(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil,
                                     RecordedAnswer answer) {
                    keys.complete(partner, key, fingerprint, leaseUntil, answer);
                }

                @Override
                public void release(ContributorId partner, String key, byte[] fingerprint, Instant leaseUntil) {
                    if (down && !releaseAppliedBeforeFailing) {
                        failedReleases.incrementAndGet();
                        throw new StoreUnavailableException("down for the test", null);
                    }
                    keys.release(partner, key, fingerprint, leaseUntil);
                    if (down) {
                        failedReleases.incrementAndGet();
                        throw new StoreUnavailableException("down for the test: the answer was lost", null);
                    }
                }

                @Override
                public void forget(ContributorId partner, UserId user) {
                    keys.forget(partner, user);
                }

                @Override
                public int purgeExpired(Instant now, int max) {
                    return keys.purgeExpired(now, max);
                }
            }, memory.imports());
        }

        CreateUserUseCase failing(HttpUseCases u) {
            return command -> {
                if (down) {
                    throw new StoreUnavailableException("down for the test", null);
                }
                return u.createUser().create(command);
            };
        }
    }

    @Test
    void the_same_request_while_the_first_still_runs_is_409() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TestApi slow = TestApi.withUseCases(u -> withCreateHeld(u, entered, release))) {
            String slowToken = slow.adminToken(slow.newPartner());
            String user = TestApi.newUser().toString();

            CompletableFuture<Reply> first = slow.sendAsync(request(slow, slowToken, "POST", "/api/users", user,
                    "slow-1"));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            Reply second = send(slow, slowToken, "POST", "/api/users", user, "slow-1");
            release.countDown();

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.errorCode()).isEqualTo("ERROR_IDEMPOTENCY_KEY_IN_USE");
            assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void keys_hold_across_two_instances_sharing_one_database() {
        try (TestDatabase database = TestDatabase.create()) {
            PostgresStore one = PostgresStore.on(database.dataSource());
            PostgresStore two = PostgresStore.on(database.dataSource());
            try (TestApi first = TestApi.start(Stores.of(one)); TestApi second = TestApi.start(Stores.of(two))) {
                PartnerKeys partner = first.newPartner();
                String user = TestApi.newUser().toString();

                Reply created = send(first, first.adminToken(partner), "POST", "/api/users", user, "across-1");
                Reply replayed = send(second, second.adminToken(partner), "POST", "/api/users", user, "across-1");
                Reply reused = send(second, second.adminToken(partner), "POST", "/api/users",
                        TestApi.newUser().toString(), "across-1");

                assertThat(created.status()).isEqualTo(200);
                assertThat(replayed.header("Idempotent-Replayed")).contains("true");
                assertThat(replayed.id()).isEqualTo(created.id());
                assertThat(reused.status()).isEqualTo(422);
            } finally {
                one.close();
                two.close();
            }
        }
    }

    private Reply send(TestApi server, String method, String path, String body, String key) {
        return send(server, token, method, path, body, key);
    }

    private static Reply send(TestApi server, String bearer, String method, String path, String body, String key) {
        return server.send(request(server, bearer, method, path, body, key));
    }

    private HttpRequest keyed(String method, String path, String body, String key, String... headers) {
        return api.request(path).header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .headers(headers).method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest request(TestApi server, String bearer, String method, String path, String body,
                                       String key) {
        HttpRequest.Builder request = server.request(path).header("Authorization", "Bearer " + bearer)
                .header("Idempotency-Key", key);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return request.build();
    }
}
