package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoopsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void a_closed_loop_keeps_every_client_busy_for_the_measured_time_and_stops_by_itself() throws Exception {
        List<Operation> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(() -> Thread.sleep(2));
        }

        long start = System.nanoTime();
        StepResult step = ClosedLoop.run(Scenario.READ, clients, Duration.ofMillis(100), Duration.ofMillis(400),
                TIMEOUT, CpuMeter.none());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMillis).isBetween(450L, 1500L);
        assertThat(step.concurrency()).isEqualTo(4);
        assertThat(step.seconds()).isCloseTo(0.4, within(0.1));
        // Four clients at a little over 2 ms a request: somewhat under 2000 a second.
        assertThat(step.throughput()).isBetween(500.0, 2000.0);
        assertThat(step.p50Ms()).isBetween(2.0, 20.0);
        assertThat(step.errors()).isZero();
    }

    @Test
    void both_loops_close_every_client_when_it_stops() throws Exception {
        AtomicLong closed = new AtomicLong();
        List<Operation> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(new Operation() {
                @Override
                public void perform() throws InterruptedException {
                    Thread.sleep(1);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            });
        }

        ClosedLoop.run(Scenario.READ, clients.subList(0, 3), Duration.ZERO, Duration.ofMillis(100), TIMEOUT,
                CpuMeter.none());
        assertThat(closed.get()).isEqualTo(3);
        OpenLoop.run(Scenario.CREATE, 200, clients.subList(3, 6), Duration.ZERO, Duration.ofMillis(100), TIMEOUT,
                CpuMeter.none());
        assertThat(closed.get()).isEqualTo(6);
    }

    @Test
    void failures_are_counted_by_kind_and_not_timed() throws Exception {
        AtomicLong calls = new AtomicLong();
        Operation flaky = () -> {
            Thread.sleep(1);
            if (calls.incrementAndGet() % 2 == 0) {
                throw new UnexpectedAnswer("GET /x", 503);
            }
        };

        StepResult step = ClosedLoop.run(Scenario.READ, List.of(flaky), Duration.ZERO, Duration.ofMillis(200),
                TIMEOUT, CpuMeter.none());

        assertThat(step.errors()).isPositive();
        assertThat(step.errorKinds()).containsOnlyKeys("HTTP 503");
        assertThat(step.requests()).isCloseTo(step.errors(), within(2L));
    }

    @Test
    void a_paced_loop_sends_on_schedule_and_counts_only_measured_requests() throws Exception {
        List<Operation> workers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            workers.add(() -> Thread.sleep(1));
        }

        StepResult step = OpenLoop.run(Scenario.CREATE, 200, workers, Duration.ofMillis(200), Duration.ofMillis(500),
                TIMEOUT, CpuMeter.none());

        assertThat(step.paced()).isTrue();
        assertThat(step.targetRate()).isEqualTo(200);
        assertThat(step.requests()).isEqualTo(100);
        assertThat(step.throughput()).isCloseTo(200, within(40.0));
        assertThat(step.errors()).isZero();
    }

    @Test
    void a_paced_loop_charges_a_stall_to_every_request_that_waited_behind_it() throws Exception {
        // One worker, 100 requests a second, each taking 30 ms: the schedule falls further and
        // further behind. A closed loop would report ~30 ms; measured from when each request was
        // due, latency grows to hundreds of milliseconds, which is what a partner would see.
        StepResult step = OpenLoop.run(Scenario.CREATE, 100, List.of(() -> Thread.sleep(30)), Duration.ZERO,
                Duration.ofMillis(300), TIMEOUT, CpuMeter.none());

        assertThat(step.requests()).isEqualTo(30);
        assertThat(step.p50Ms()).isGreaterThan(100);
        assertThat(step.maxMs()).isGreaterThan(step.p50Ms());
    }
}
