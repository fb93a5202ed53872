package dev.enroll.adapter.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.enroll.application.port.in.UnauthorizedException;
import dev.enroll.domain.partner.ClientId;
import io.github.bucket4j.Bucket;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down guessing of partner secrets: at most {@code failures} failed credential checks per
 * client id, and as many per source address, in {@link HttpLimits#CREDENTIAL_FAILURE_WINDOW};
 * beyond that the check is not even made and the answer is 429 with Retry-After. Failures are
 * forgiven one at a time as the window passes, so a partner whose client id someone else was
 * guessing at can get a token again a few seconds after the guessing stops; tokens already
 * issued keep working meanwhile. Each client id or address is remembered for two windows after
 * its last failure, and at most {@value #MAX_TRACKED} of each (the keys are the caller's to choose;
 * a client id is at most 128 characters, and text that cannot be one is remembered as one key).
 */
final class CredentialThrottle {

    static final int MAX_TRACKED = 100_000;
    private static final String NOT_A_CLIENT_ID = "";
    private static final Logger LOG = LoggerFactory.getLogger(CredentialThrottle.class);

    private final int failures;
    private final ClockTime time;
    private final Cache<String, Bucket> byClientId;
    private final Cache<String, Bucket> byAddress;
    private final ClientAddresses addresses;

    CredentialThrottle(int failures, Clock clock, ClientAddresses addresses) {
        this.failures = failures;
        this.addresses = addresses;
        this.time = new ClockTime(clock);
        this.byClientId = tracking();
        this.byAddress = tracking();
    }

    /**
     * What {@code check} answers, unless this client id or the address the request comes from
     * ({@link ClientAddresses}) failed too often lately (429, without checking); a failed check
     * ({@link UnauthorizedException}) counts against both.
     */
    <T> T guard(String clientId, Context request, Supplier<T> check) {
        return guard(clientId, addresses.of(request), check);
    }

    <T> T guard(String clientId, String address, Supplier<T> check) {
        // Text that cannot be a client id matches no partner: it shares one key, so that the keys
        // kept stay as short as client ids, whatever a caller sends (60 kB ids filled the heap).
        String client = ClientId.isWellFormed(clientId) ? clientId : NOT_A_CLIENT_ID;
        refuseIfExhausted(byClientId.getIfPresent(client));
        refuseIfExhausted(byAddress.getIfPresent(address));
        try {
            return check.get();
        } catch (UnauthorizedException failed) {
            if (spend(byClientId.get(client, unused -> bucket())) | spend(byAddress.get(address, unused -> bucket()))) {
                LOG.warn("Credential checks throttled after {} failures in {}: client id {}, address {}",
                        failures, HttpLimits.CREDENTIAL_FAILURE_WINDOW, shown(clientId), address);
            }
            throw failed;
        }
    }

    private static void refuseIfExhausted(Bucket bucket) {
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        throw new RateLimitedException("Too many failed credential checks; retry after " + seconds + " s", seconds);
    }

    /** Spends one failure; true when that was the last one allowed, so the throttle starts now. */
    private static boolean spend(Bucket bucket) {
        return bucket.tryConsume(1) && bucket.getAvailableTokens() == 0;
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, HttpLimits.CREDENTIAL_FAILURE_WINDOW))
                .withCustomTimePrecision(time)
                .build();
    }

    private static Cache<String, Bucket> tracking() {
        return Caffeine.newBuilder().maximumSize(MAX_TRACKED)
                .expireAfterAccess(HttpLimits.CREDENTIAL_FAILURE_WINDOW.multipliedBy(2)).build();
    }

    /**
     * The client id as sent when it has the shape of one Enroll issues: an identifier, not a
     * secret. Anything else is only measured, since a partner's secret sent in its place (the two
     * swapped) is a mistake an integrator makes. The secret tried is never logged.
     */
    private static String shown(String clientId) {
        return ClientId.hasIssuedShape(clientId) ? clientId
                : "(not shaped like one Enroll issues; " + (clientId == null ? 0 : clientId.length()) + " characters)";
    }
}
