package dev.enroll.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final Readiness readiness = new Readiness();

    @Test
    void a_starting_service_is_not_ready_whatever_its_store_would_say() {
        assertThat(readiness.isReady()).isFalse();
    }

    @Test
    void once_serving_it_is_ready_exactly_when_the_store_is() {
        AtomicBoolean storeAnswers = new AtomicBoolean(true);
        readiness.serving(storeAnswers::get);

        assertThat(readiness.isReady()).isTrue();
        storeAnswers.set(false);
        assertThat(readiness.isReady()).isFalse();
    }
}
