package dev.enroll.adapter.http;

import dev.enroll.domain.user.ContributorId;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each partner's requests per second, as a token bucket per partner (Bucket4j): {@code burst}
 * requests at once, refilled at {@code rate} a second. Every answer to a partner carries the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} headers
 * (draft-ietf-httpapi-ratelimit-headers); past the limit the answer is 429 with Retry-After.
 * Buckets live in this instance's memory: N instances allow N times the rate (docs/http-api.md).
 */
final class PartnerRateLimits {

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String STATE_HEADER = "RateLimit";
    private static final String POLICY_NAME = "\"partner\"";

    private final int rate;
    private final int burst;
    private final ClockTime time;
    private final String policy;
    private final Map<ContributorId, Bucket> buckets = new ConcurrentHashMap<>();

    PartnerRateLimits(int rate, int burst, Clock clock) {
        this.rate = rate;
        this.burst = burst;
        this.time = new ClockTime(clock);
        this.policy = POLICY_NAME + ";q=" + burst + ";w=" + secondsToRefill(burst);
    }

    /** The step after authentication: counts the request against its caller's partner; public routes have none. */
    void admitCaller(Context ctx) {
        Caller caller = Authentication.knownCaller(ctx);
        if (caller != null) {
            admit(ctx, caller.partner());
        }
    }

    /** Takes one request from the partner's bucket and says so in headers; 429 when it is empty. */
    private void admit(Context ctx, ContributorId partner) {
        ConsumptionProbe probe = buckets.computeIfAbsent(partner, unused -> bucket()).tryConsumeAndReturnRemaining(1);
        ctx.header(POLICY_HEADER, policy);
        long remaining = probe.getRemainingTokens();
        if (probe.isConsumed()) {
            ctx.header(STATE_HEADER, POLICY_NAME + ";r=" + remaining + ";t=" + secondsToRefill(burst - remaining));
            return;
        }
        long wait = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        ctx.header(STATE_HEADER, POLICY_NAME + ";r=0;t=" + wait);
        throw new RateLimitedException("Too many requests for this partner; retry after " + wait + " s", wait);
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Whole seconds until {@code tokens} more requests are allowed again (0 when none are missing). */
    private long secondsToRefill(long tokens) {
        return (tokens + rate - 1) / rate;
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
