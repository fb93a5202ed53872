package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.application.port.in.UnauthorizedException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialThrottleTest {

    private final CredentialThrottle throttle = new CredentialThrottle(3, Clock.systemUTC(),
            new ClientAddresses(List.of()));
    private final AtomicInteger checks = new AtomicInteger();

    /**
     * The throttle remembers what it is sent as a client id, and a caller chooses that text: text
     * that cannot be a client id is remembered as one key, so each key kept is at most a client
     * id long (60 kB ids from many addresses filled the heap), and guessing with it is throttled
     * as one.
     */
    @Test
    void textThatCannotBeAClientIdIsThrottledAsOneKey() {
        for (int i = 0; i < 3; i++) {
            String huge = "x".repeat(60_000) + " " + i;
            String address = "10.0.0." + i;
            assertThatThrownBy(() -> failedCheck(huge, address)).isInstanceOf(UnauthorizedException.class);
        }

        assertThatThrownBy(() -> failedCheck("not a client id", "10.0.1.1")).isInstanceOf(RateLimitedException.class);
        assertThat(checks).as("no check is made once throttled").hasValue(3);
        assertThatThrownBy(() -> failedCheck("ck_aWellFormedIdNobodyHas", "10.0.1.2"))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(checks).as("a client id has a key of its own").hasValue(4);
    }

    private void failedCheck(String clientId, String address) {
        throttle.guard(clientId, address, () -> {
            checks.incrementAndGet();
            throw new UnauthorizedException();
        });
    }
}
