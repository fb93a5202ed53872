package dev.enroll.adapter.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The claims of tokens already checked, so that a partner's next thousand requests with the same
 * token skip parsing and the signature, a large part of a small request's CPU. Tokens are known by their SHA-256 only, never kept themselves. An entry
 * is good only inside its token's own window, issue (or not-before) time to expiry, each widened
 * by the skew, judged by the service's clock on every hit however long the entry stays; about
 * {@link #MAX_TOKENS} are kept at most, so a flood of tokens costs memory no more than that. Only
 * tokens that passed every check get in: a refused token is checked again each time.
 */
final class VerifiedTokens {

    static final int MAX_TOKENS = 10_000;

    private record Verified(TokenService.Claims claims, Instant goodFrom, Instant goodUntil) {

        boolean goodAt(Instant now) {
            return !now.isBefore(goodFrom) && !now.isAfter(goodUntil);
        }
    }

    private final Clock clock;
    private final Cache<ByteBuffer, Verified> byDigest;

    VerifiedTokens(Clock clock) {
        this.clock = clock;
        this.byDigest = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                // Drops expired entries to free memory, by Caffeine's own clock (System.nanoTime);
                // whether one is still good is decided in find(), by the service's.
                .expireAfter(Expiry.creating((ByteBuffer digest, Verified verified) -> remaining(verified)))
                // Upkeep on the calling thread: no hand-off to a shared pool on every request.
                .executor(Runnable::run)
                .build();
    }

    /** The claims of {@code token} if it was checked and is still inside its window now. */
    Optional<TokenService.Claims> find(String token) {
        Verified verified = byDigest.getIfPresent(digest(token));
        if (verified == null || !verified.goodAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(verified.claims());
    }

    /** Remembers that {@code token} says {@code claims} from {@code goodFrom} to {@code goodUntil}, both included. */
    void remember(String token, TokenService.Claims claims, Instant goodFrom, Instant goodUntil) {
        byDigest.put(digest(token), new Verified(claims, goodFrom, goodUntil));
    }

    /** How many tokens are kept now, after any eviction due has run. */
    long size() {
        byDigest.cleanUp();
        return byDigest.estimatedSize();
    }

    private Duration remaining(Verified verified) {
        Duration left = Duration.between(clock.instant(), verified.goodUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static ByteBuffer digest(String token) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
