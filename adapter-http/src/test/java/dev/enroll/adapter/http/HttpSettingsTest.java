package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What bootstrap sees when it configures the API wrongly, and what a log of the settings shows. */
class HttpSettingsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void refuses_a_signing_key_shorter_than_32_bytes() {
        byte[] shortKey = "0123456789abcdef0123456789abcde".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> HttpSettings.withDefaults(shortKey, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void refuses_a_token_lifetime_that_is_not_a_positive_number_of_seconds() {
        for (Duration ttl : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofMillis(1500)}) {
            assertThatThrownBy(() -> new HttpSettings(KEY, ttl, false, Clock.systemUTC(), Duration.ZERO, 10, HttpLimits.defaults()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refuses_a_number_of_request_threads_outside_one_to_a_thousand() {
        for (int threads : new int[] {0, -1, 1001}) {
            assertThatThrownBy(() -> new HttpSettings(KEY, Duration.ofHours(1), false, Clock.systemUTC(),
                    Duration.ZERO, threads, HttpLimits.defaults()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request threads");
        }
        assertThat(new HttpSettings(KEY, Duration.ofHours(1), false, Clock.systemUTC(), Duration.ZERO, 1,
                HttpLimits.defaults())
                .requestThreads()).isEqualTo(1);
    }

    @Test
    void never_shows_the_key_and_keeps_its_own_copy() {
        byte[] key = KEY.clone();
        HttpSettings settings = HttpSettings.withDefaults(key, true);
        key[0] = 'X';

        assertThat(settings.toString()).doesNotContain("0123456789abcdef").contains("redacted");
        assertThat(settings.signingKey()).isEqualTo(KEY);
        assertThat(settings.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.legacyHeaderAuth()).isTrue();
    }
}
