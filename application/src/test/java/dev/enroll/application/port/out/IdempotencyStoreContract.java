package dev.enroll.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.application.port.in.IdempotencyKeyInUseException;
import dev.enroll.application.port.in.IdempotencyKeyReusedException;
import dev.enroll.application.port.in.IdempotentRequests;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.service.IdempotencyService;
import dev.enroll.application.testing.MutableClock;
import dev.enroll.application.testing.Race;
import dev.enroll.application.testing.TestIds;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link IdempotencyStore} must do, seen through {@link IdempotencyService}: keys per
 * partner, the first answer replayed, another request or a running one refused, 5xx not kept,
 * 24 hours kept, abandoned runs taken over after their lease, and exactly one winner of a race.
 */
public abstract class IdempotencyStoreContract {

    /** Finer than a millisecond, as a system clock is: a store keeps times coarser, and must still match them. */
    private static final Instant START = Instant.parse("2024-05-01T12:00:00.123456789Z");

    private final MutableClock now = new MutableClock(START);
    private IdempotencyStore store;
    private IdempotentRequests requests;
    private ContributorId acme;

    /** The store under test; it need not be empty, and must be safe to call from many threads. */
    protected abstract IdempotencyStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        requests = new IdempotencyService(store, now);
        acme = TestIds.contributor();
    }

    @Test
    void theFirstAnswerIsReplayedForTheSameRequest() {
        String key = key();
        IdempotentRequests.Decision first = requests.begin(acme, key, fingerprint("a"));
        RecordedAnswer answer = new RecordedAnswer(200, "\"1\"", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
        requests.finish(((IdempotentRequests.Decision.Run) first).ticket(), answer);

        IdempotentRequests.Decision again = requests.begin(acme, key, fingerprint("a"));

        assertThat(again).isEqualTo(new IdempotentRequests.Decision.Replay(answer));
    }

    @Test
    void anotherRequestWithTheKeyIsRefusedWhetherTheFirstRunsOrFinished() {
        String key = key();
        IdempotentRequests.Decision.Run first = run(key, "a");

        Assertions.assertThatThrownBy(() -> requests.begin(acme, key, fingerprint("b")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        requests.finish(first.ticket(), new RecordedAnswer(201, null, new byte[0]));
        Assertions.assertThatThrownBy(() -> requests.begin(acme, key, fingerprint("b")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void forgettingAUserDeletesThePartnersAnswersAboutThemAndNoOthers() {
        UserId ann = TestIds.userId();
        UserId bob = TestIds.userId();
        ContributorId globex = TestIds.contributor();
        String annCreated = key();
        String annUpdated = key();
        String bobCreated = key();
        String globexKey = key();
        RecordedAnswer aboutAnn = new RecordedAnswer(200, "\"1\"", new byte[] {1}, ann);
        RecordedAnswer aboutBob = new RecordedAnswer(200, "\"1\"", new byte[] {2}, bob);
        requests.finish(run(annCreated, "create").ticket(), aboutAnn);
        requests.finish(run(annUpdated, "update").ticket(), aboutAnn);
        requests.finish(run(bobCreated, "create").ticket(), aboutBob);
        requests.finish(((IdempotentRequests.Decision.Run) requests.begin(globex, globexKey, fingerprint("create")))
                .ticket(), aboutAnn);

        store.forget(acme, ann);

        assertThat(requests.begin(acme, annCreated, fingerprint("create")))
                .isInstanceOf(IdempotentRequests.Decision.Run.class);
        assertThat(requests.begin(acme, annUpdated, fingerprint("update")))
                .isInstanceOf(IdempotentRequests.Decision.Run.class);
        assertThat(requests.begin(acme, bobCreated, fingerprint("create")))
                .isEqualTo(new IdempotentRequests.Decision.Replay(aboutBob));
        assertThat(requests.begin(globex, globexKey, fingerprint("create")))
                .isEqualTo(new IdempotentRequests.Decision.Replay(aboutAnn));
    }

    @Test
    void theSameRequestWhileTheFirstRunsIsInUse() {
        String key = key();
        run(key, "a");

        Assertions.assertThatThrownBy(() -> requests.begin(acme, key, fingerprint("a")))
                .isInstanceOf(IdempotencyKeyInUseException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 404, 409, 412, 413, 415, 500, 503})
    void aRefusalOrFailureIsNotKeptSoTheKeyRunsTheRequestAgainAsSentOrFixed(int status) {
        String retried = key();
        String fixed = key();
        requests.finish(run(retried, "a").ticket(), new RecordedAnswer(status, null, new byte[0]));
        requests.finish(run(fixed, "a").ticket(), new RecordedAnswer(status, null, new byte[0]));

        assertThat(requests.begin(acme, retried, fingerprint("a"))).isInstanceOf(IdempotentRequests.Decision.Run.class);
        assertThat(requests.begin(acme, fixed, fingerprint("a, fixed"))).isInstanceOf(IdempotentRequests.Decision.Run.class);
    }

    @Test
    void keysArePerPartner() {
        String key = key();
        run(key, "a");

        assertThat(requests.begin(TestIds.contributor(), key, fingerprint("b")))
                .isInstanceOf(IdempotentRequests.Decision.Run.class);
    }

    @Test
    void anAnswerIsKeptFor24HoursThenTheKeyIsFreeAndPurged() {
        String key = key();
        requests.finish(run(key, "a").ticket(), new RecordedAnswer(200, null, new byte[] {1}));

        now.set(START.plus(Duration.ofHours(24)).minusMillis(1));
        assertThat(requests.begin(acme, key, fingerprint("a"))).isInstanceOf(IdempotentRequests.Decision.Replay.class);
        now.set(START.plus(Duration.ofHours(24)));
        assertThat(requests.begin(acme, key, fingerprint("b"))).isInstanceOf(IdempotentRequests.Decision.Run.class);

        String old = key();
        now.set(START);
        requests.finish(run(old, "a").ticket(), new RecordedAnswer(200, null, new byte[] {1}));
        int purged = store.purgeExpired(START.plus(Duration.ofDays(2)), 1_000_000);
        assertThat(purged).isGreaterThanOrEqualTo(2);
        now.set(START.plus(Duration.ofHours(1)));
        assertThat(requests.begin(acme, old, fingerprint("b"))).isInstanceOf(IdempotentRequests.Decision.Run.class);
    }

    @Test
    void anAbandonedRunMayBeTakenOverByTheSameRequestAfterItsLease() {
        String key = key();
        run(key, "a");

        now.set(START.plus(Duration.ofMinutes(5)));

        assertThat(requests.begin(acme, key, fingerprint("a"))).isInstanceOf(IdempotentRequests.Decision.Run.class);
        Assertions.assertThatThrownBy(() -> requests.begin(acme, key, fingerprint("b")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
    }

    /** Leases of a claim at START that was abandoned, and of the same request's claim a minute after its lease. */
    private static final Instant FIRST_LEASE = START.plus(Duration.ofMinutes(5));
    private static final Instant LATER = START.plus(Duration.ofMinutes(6));
    private static final Instant LATER_LEASE = LATER.plus(Duration.ofMinutes(5));
    private static final Instant EXPIRES = START.plus(Duration.ofHours(24));

    @Test
    void aReleaseFreesOnlyTheClaimItNamesNotALaterClaimOfTheSameRequest() {
        String key = claimedAgainAfterItsLease(fingerprint("a"));

        store.release(acme, key, fingerprint("a"), FIRST_LEASE);

        assertThat(store.claim(acme, key, fingerprint("a"), LATER, EXPIRES, LATER_LEASE))
                .isInstanceOf(IdempotencyStore.Claim.Held.class);
        store.release(acme, key, fingerprint("a"), LATER_LEASE);
        assertThat(store.claim(acme, key, fingerprint("a"), LATER, EXPIRES, LATER_LEASE))
                .isInstanceOf(IdempotencyStore.Claim.Claimed.class);
    }

    @Test
    void anAnswerIsKeptOnlyForTheClaimItNamesNotALaterClaimOfTheSameRequest() {
        String key = claimedAgainAfterItsLease(fingerprint("a"));
        RecordedAnswer late = new RecordedAnswer(200, "\"1\"", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

        store.complete(acme, key, fingerprint("a"), FIRST_LEASE, late);

        IdempotencyStore.Claim seen = store.claim(acme, key, fingerprint("a"), LATER, EXPIRES, LATER_LEASE);
        assertThat(seen).isInstanceOf(IdempotencyStore.Claim.Held.class);
        assertThat(((IdempotencyStore.Claim.Held) seen).answer()).as("the later claim still runs").isNull();
    }

    /** A key claimed at START, abandoned, and claimed again by the same request at LATER. */
    private String claimedAgainAfterItsLease(byte[] request) {
        String key = key();
        assertThat(store.claim(acme, key, request, START, EXPIRES, FIRST_LEASE))
                .isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        assertThat(store.claim(acme, key, request, LATER, EXPIRES, LATER_LEASE))
                .isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        return key;
    }

    @Test
    void ofManyConcurrentIdenticalRequestsExactlyOneRuns() {
        String key = key();

        List<Object> outcomes = Race.<Object>run(20, i -> {
            try {
                return requests.begin(acme, key, fingerprint("a"));
            } catch (IdempotencyKeyInUseException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(IdempotentRequests.Decision.Run.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(IdempotencyKeyInUseException.class::isInstance).hasSize(19);
    }

    @Test
    void aKeyIsOneTo255PrintableCharacters() {
        for (String bad : List.of("", "x".repeat(256), "tab\tkey", "caf\u00e9")) {
            Assertions.assertThatThrownBy(() -> requests.begin(acme, bad, fingerprint("a")))
                    .as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(requests.begin(acme, "k ~!" + "x".repeat(251), fingerprint("a")))
                .isInstanceOf(IdempotentRequests.Decision.Run.class);
    }

    private IdempotentRequests.Decision.Run run(String key, String request) {
        return (IdempotentRequests.Decision.Run) requests.begin(acme, key, fingerprint(request));
    }

    private static String key() {
        return "key-" + TestIds.phone();
    }

    private static byte[] fingerprint(String request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
