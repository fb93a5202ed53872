package dev.enroll.adapter.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * What the API counts, for Prometheus: every request by route template, method and status, with
 * its latency as a histogram; creates by outcome; token requests by outcome. Labels take only a
 * handful of values each: never a raw path, a user id, a partner id or anything a client sent.
 */
final class ApiMetrics {

    /** What became of a create. */
    enum WriteOutcome { CREATED, RETURNED_EXISTING, CONFLICT, REJECTED }

    /** What became of a token request. */
    /** THROTTLED: refused unchecked after too many failed checks (429), apart from FAILED (the server's 5xx). */
    enum TokenOutcome { ISSUED, INVALID_REQUEST, UNAUTHORIZED, USER_NOT_FOUND, THROTTLED, FAILED }

    /** Latency buckets: from a cached read to the edge of a client's patience. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
    };

    private final Meter.MeterProvider<Timer> requests;
    private final Map<WriteOutcome, Counter> writes = new EnumMap<>(WriteOutcome.class);
    private final Map<TokenOutcome, Counter> tokens = new EnumMap<>(TokenOutcome.class);

    ApiMetrics(MeterRegistry registry) {
        this.requests = Timer.builder("http.server.requests")
                .description("HTTP requests, by route template, method and status")
                .serviceLevelObjectives(BUCKETS).withRegistry(registry);
        // Every outcome is there from the start at 0, so a rate over it never lacks a series.
        for (WriteOutcome outcome : WriteOutcome.values()) {
            writes.put(outcome, Counter.builder("enroll.user.writes").description("User creates, by outcome")
                    .tag("outcome", label(outcome)).register(registry));
        }
        for (TokenOutcome outcome : TokenOutcome.values()) {
            tokens.put(outcome, Counter.builder("enroll.token.requests")
                    .description("Token endpoint requests, by outcome").tag("outcome", label(outcome))
                    .register(registry));
        }
    }

    /** One finished request; the route is the template the request matched, or {@code (unmatched)}. */
    void request(Context ctx, float durationMillis) {
        requests.withTags("method", ctx.method().name(), "route", AccessLog.route(ctx),
                        "status", Integer.toString(ctx.statusCode()))
                .record((long) (durationMillis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    void write(WriteOutcome outcome) {
        writes.get(outcome).increment();
    }

    /**
     * Counts a create refused with {@code refusal}, by the answer it gets ({@link ErrorMapping}
     * decides that, once); a refusal that says nothing of the write (429, 503) is not one.
     */
    void writeRefused(RuntimeException refusal) {
        ErrorMapping.ErrorResponse answer = ErrorMapping.answer(refusal, UnaryOperator.identity());
        if (ErrorMapping.USER_ALREADY_EXISTS.equals(answer.code())) {
            write(WriteOutcome.CONFLICT);
        } else if (isInvalidRequest(answer.status())) {
            write(WriteOutcome.REJECTED);
        }
    }

    void token(TokenOutcome outcome) {
        tokens.get(outcome).increment();
    }

    /** Counts a token request refused with {@code refusal}, by the answer it gets, as creates are. */
    void tokenRefused(RuntimeException refusal) {
        int status = ErrorMapping.answer(refusal, UnaryOperator.identity()).status();
        if (status == 401) {
            token(TokenOutcome.UNAUTHORIZED);
        } else if (status == 404) {
            token(TokenOutcome.USER_NOT_FOUND);
        } else if (status == 429) {
            token(TokenOutcome.THROTTLED);
        } else if (isInvalidRequest(status)) {
            token(TokenOutcome.INVALID_REQUEST);
        } else {
            token(TokenOutcome.FAILED);
        }
    }

    /** The request itself was wrong: its shape or values (400), its size (413) or its media type (415). */
    private static boolean isInvalidRequest(int status) {
        return status == 400 || status == 413 || status == 415;
    }

    private static String label(Enum<?> outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
