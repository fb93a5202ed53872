package dev.enroll.adapter.http;

import dev.enroll.application.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.domain.user.ContributorId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the cache of checked tokens answers: only the very token, only inside its window. */
class VerifiedTokensTest {

    private static final TokenService.Claims ACME = new TokenService.Claims(Caller.admin(new ContributorId("acme")), 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final VerifiedTokens tokens = new VerifiedTokens(clock);

    private void rememberFor(String token, Duration lifetime) {
        tokens.remember(token, ACME, clock.instant(), clock.instant().plus(lifetime));
    }

    @Test
    void finds_the_caller_of_a_remembered_token_until_it_is_no_longer_good() {
        rememberFor("a.b.c", Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10));
        assertThat(tokens.find("a.b.c")).contains(ACME);

        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.find("a.b.c")).isEmpty();
    }

    @Test
    void a_clock_set_back_before_the_window_finds_nothing() {
        rememberFor("a.b.c", Duration.ofMinutes(10));

        clock.advance(Duration.ofMillis(-1));

        assertThat(tokens.find("a.b.c")).isEmpty();
    }

    @Test
    void a_token_remembered_after_its_window_is_neither_found_nor_kept() {
        tokens.remember("a.b.c", ACME, clock.instant().minus(Duration.ofHours(2)),
                clock.instant().minus(Duration.ofHours(1)));

        assertThat(tokens.find("a.b.c")).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void knows_nothing_of_a_token_that_differs_by_one_character() {
        rememberFor("a.b.c", Duration.ofMinutes(10));

        assertThat(tokens.find("a.b.d")).isEmpty();
        assertThat(tokens.find("a.b.c ")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
    }

    @Test
    void keeps_no_more_than_its_limit_however_many_tokens_come() {
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS * 2; i++) {
            rememberFor("token-" + i, Duration.ofMinutes(10));
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_TOKENS);
    }
}
