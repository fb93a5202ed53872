package dev.enroll.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How the HTTP API behaves.
 *
 * @param signingKey       HMAC key for access tokens (HS256), at least 32 bytes; every instance must share it
 * @param tokenTtl         how long an issued access token is valid
 * @param legacyHeaderAuth whether the deprecated {@code partnerId}/{@code clientId}/{@code clientSecret}
 *                         request headers are accepted in place of a bearer token
 * @param clock            the time tokens are issued and checked against
 * @param shutdownGrace    how long {@link HttpApi#stop()} waits for requests in flight
 * @param requestThreads   how many API requests are worked on at once; more wait in line, within
 *                         {@code limits}. Set it to the database pool's size: a request thread
 *                         that finds every connection taken only spins in the pool's hand-off
 *                         (docs/benchmark.md)
 * @param limits           waiting, rate limits, slow clients
 */
public record HttpSettings(byte[] signingKey, Duration tokenTtl, boolean legacyHeaderAuth, Clock clock,
                           Duration shutdownGrace, int requestThreads, HttpLimits limits) {

    public static final int MIN_SIGNING_KEY_BYTES = 32;
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);
    public static final int DEFAULT_REQUEST_THREADS = 10;
    public static final int MAX_REQUEST_THREADS = 1000;

    public HttpSettings {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(limits, "limits");
        // HS256 is only as strong as its key: RFC 7518 asks for at least the hash size.
        if (signingKey.length < MIN_SIGNING_KEY_BYTES) {
            throw new IllegalArgumentException("the signing key must be at least " + MIN_SIGNING_KEY_BYTES + " bytes");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the token lifetime must be a positive number of whole seconds");
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("the shutdown grace period must not be negative");
        }
        if (requestThreads < 1 || requestThreads > MAX_REQUEST_THREADS) {
            throw new IllegalArgumentException("request threads must be between 1 and " + MAX_REQUEST_THREADS);
        }
        signingKey = signingKey.clone();
    }

    /**
     * The usual settings: tokens valid for an hour, the system clock, twenty seconds to drain on
     * stop, ten requests at once, the default limits. (A server set up from configuration passes
     * its database pool's size instead: bootstrap does.)
     */
    public static HttpSettings withDefaults(byte[] signingKey, boolean legacyHeaderAuth) {
        return new HttpSettings(signingKey, DEFAULT_TOKEN_TTL, legacyHeaderAuth, Clock.systemUTC(),
                DEFAULT_SHUTDOWN_GRACE, DEFAULT_REQUEST_THREADS, HttpLimits.defaults());
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpSettings that && Arrays.equals(signingKey, that.signingKey)
                && tokenTtl.equals(that.tokenTtl) && legacyHeaderAuth == that.legacyHeaderAuth
                && clock.equals(that.clock) && shutdownGrace.equals(that.shutdownGrace)
                && requestThreads == that.requestThreads && limits.equals(that.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(signingKey), tokenTtl, legacyHeaderAuth, clock, shutdownGrace,
                requestThreads, limits);
    }

    @Override
    public String toString() {
        return "HttpSettings[signingKey=redacted, tokenTtl=" + tokenTtl + ", legacyHeaderAuth=" + legacyHeaderAuth
                + ", clock=" + clock + ", shutdownGrace=" + shutdownGrace + ", requestThreads=" + requestThreads + ", limits=" + limits + "]";
    }
}
