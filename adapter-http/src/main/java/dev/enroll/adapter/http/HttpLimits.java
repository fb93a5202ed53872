package dev.enroll.adapter.http;

import java.time.Duration;
import java.util.List;

/**
 * How much the HTTP API takes before it says no (docs/http-api.md, "Limits").
 *
 * @param maxWaitingRequests       API requests that may wait for a free request slot; one more is
 *                                 answered 503 at once
 * @param maxWait                  how long a request waits for a slot before it is answered 503
 * @param partnerRequestsPerSecond each partner's sustained rate, per instance
 * @param partnerBurst             how many requests a partner may send at once above that rate
 * @param credentialFailures       failed credential checks allowed per client id and per source
 *                                 address within {@link #CREDENTIAL_FAILURE_WINDOW}; then 429
 * @param minRequestDataRate       bytes per second a request body must arrive at, at least
 * @param idleTimeout              how long a connection may send nothing (headers or body) before it is closed
 * @param trustedProxies           addresses and CIDR ranges of the proxies in front of the API, whose
 *                                 {@code X-Forwarded-For} names the address a request comes from
 *                                 ({@link ClientAddresses}); empty: the TCP peer is that address
 */
public record HttpLimits(int maxWaitingRequests, Duration maxWait, int partnerRequestsPerSecond, int partnerBurst,
                         int credentialFailures, int minRequestDataRate, Duration idleTimeout,
                         List<String> trustedProxies) {

    /** Failures are forgiven at {@code credentialFailures} per this window, one at a time. */
    public static final Duration CREDENTIAL_FAILURE_WINDOW = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_WAITING_REQUESTS = 128;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);
    /** Generous: well above what one partner's back end sends; there to stop a runaway loop. */
    public static final int DEFAULT_PARTNER_REQUESTS_PER_SECOND = 200;
    public static final int DEFAULT_PARTNER_BURST = 400;
    public static final int DEFAULT_CREDENTIAL_FAILURES = 10;
    /** A 64 KiB body in a minute; a client slower than that holds a thread for nothing. */
    public static final int DEFAULT_MIN_REQUEST_DATA_RATE = 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(15);

    public HttpLimits {
        if (maxWaitingRequests < 0) {
            throw new IllegalArgumentException("maxWaitingRequests must not be negative");
        }
        if (maxWait.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("maxWait must not be negative, idleTimeout must be positive");
        }
        if (partnerRequestsPerSecond < 1 || partnerBurst < 1 || credentialFailures < 1 || minRequestDataRate < 0) {
            throw new IllegalArgumentException("rates, bursts and failure counts must be at least 1");
        }
        trustedProxies = List.copyOf(trustedProxies);
        new ClientAddresses(trustedProxies); // refuses an entry that is no address or range
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_WAITING_REQUESTS, DEFAULT_MAX_WAIT, DEFAULT_PARTNER_REQUESTS_PER_SECOND,
                DEFAULT_PARTNER_BURST, DEFAULT_CREDENTIAL_FAILURES, DEFAULT_MIN_REQUEST_DATA_RATE,
                DEFAULT_IDLE_TIMEOUT, List.of());
    }

    public HttpLimits withPartnerRate(int requestsPerSecond, int burst) {
        return new HttpLimits(maxWaitingRequests, maxWait, requestsPerSecond, burst, credentialFailures,
                minRequestDataRate, idleTimeout, trustedProxies);
    }

    public HttpLimits withWaiting(int requests, Duration wait) {
        return new HttpLimits(requests, wait, partnerRequestsPerSecond, partnerBurst, credentialFailures,
                minRequestDataRate, idleTimeout, trustedProxies);
    }

    /** @throws IllegalArgumentException naming an entry that is no IP address or CIDR range */
    public HttpLimits withTrustedProxies(List<String> proxies) {
        return new HttpLimits(maxWaitingRequests, maxWait, partnerRequestsPerSecond, partnerBurst, credentialFailures,
                minRequestDataRate, idleTimeout, proxies);
    }

    public HttpLimits withCredentialFailures(int failures) {
        return new HttpLimits(maxWaitingRequests, maxWait, partnerRequestsPerSecond, partnerBurst, failures,
                minRequestDataRate, idleTimeout, trustedProxies);
    }
}
