package dev.enroll.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of clients, each sending its next request as soon as the previous answer arrives
 * (a closed loop): the throughput the server sustains at that concurrency, and the latency each
 * request saw. This is not corrected for coordinated omission, and is not meant to be: a slow
 * answer holds its client back exactly as it would a partner's worker; the paced step
 * ({@link OpenLoop}) is the one that measures latency against a schedule.
 */
final class ClosedLoop {

    /** A safety net on top of the time limit: no client sends more than this in one step. */
    static final long MAX_REQUESTS_PER_CLIENT = 2_000_000;

    private ClosedLoop() {
    }

    /**
     * Runs one client per operation: unmeasured for {@code ramp}, then measured for {@code measured}.
     * A request counts when it started after the ramp; a client starts no request after the end,
     * and the step's time runs until the last answer in flight arrives.
     */
    static StepResult run(Scenario scenario, List<Operation> clients, Duration ramp, Duration measured,
                          Duration requestTimeout, CpuMeter cpu) throws InterruptedException {
        int concurrency = clients.size();
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        for (int i = 0; i < concurrency; i++) {
            Operation operation = clients.get(i);
            Tally tally = new Tally();
            tallies.add(tally);
            Thread thread = new Thread(() -> {
                try (operation) {
                    ready.countDown();
                    go.await();
                    drive(operation, tally, window[0], window[1]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "load-" + scenario.label() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long start = System.nanoTime();
        window[0] = start + ramp.toNanos();
        window[1] = window[0] + measured.toNanos();
        // The latch publishes window[] to the clients (happens-before on countDown/await).
        go.countDown();
        sleepUntil(window[0]);
        CpuMeter.Reading cpuAtStart = cpu.read();
        sleepUntil(window[1]);
        CpuUse used = cpuAtStart.until(cpu.read());
        long joinBy = window[1] + requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop; a request ignored its timeout");
            }
        }
        Tally total = Tally.sum(tallies);
        long end = Math.max(total.lastFinish, window[1]);
        return StepResult.of(scenario, concurrency, 0, total.micros, total.errors, total.errorKinds,
                Duration.ofNanos(end - window[0]), used);
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long now;
        while ((now = System.nanoTime()) < nanoTime) {
            TimeUnit.NANOSECONDS.sleep(nanoTime - now);
        }
    }

    private static void drive(Operation operation, Tally tally, long measureFrom, long measureUntil) {
        long sent = 0;
        while (sent < MAX_REQUESTS_PER_CLIENT) {
            long begin = System.nanoTime();
            if (begin >= measureUntil) {
                return;
            }
            sent++;
            try {
                operation.perform();
                long finish = System.nanoTime();
                if (begin >= measureFrom) {
                    tally.success(finish - begin);
                    tally.lastFinish = finish;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (begin >= measureFrom) {
                    tally.failure(e);
                    tally.lastFinish = System.nanoTime();
                }
            }
        }
    }
}
