package dev.enroll.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests on a fixed schedule (an open loop), whatever the server is doing: request {@code i} is
 * due at {@code start + i / rate}, and its latency runs from when it was due. A server that
 * stalls therefore shows the stall in every request that queued behind it, instead of quietly
 * being sent fewer requests (coordinated omission). Enough worker threads must exist to keep the
 * schedule; when all are busy, the wait for one counts as latency too, which is the point.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /**
     * Sends {@code rate} requests per second for {@code ramp} (unmeasured) and then {@code measured},
     * from {@code workers} threads, each with its own operation. Requests still unsent when the
     * hard deadline (twice the planned time plus one request timeout) passes count as errors.
     */
    static StepResult run(Scenario scenario, double rate, List<Operation> workers, Duration ramp,
                          Duration measured, Duration requestTimeout, CpuMeter cpu) throws InterruptedException {
        if (rate <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        double intervalNanos = 1e9 / rate;
        long rampRequests = Math.round(rate * ramp.toNanos() / 1e9);
        long measuredRequests = Math.max(1, Math.round(rate * measured.toNanos() / 1e9));
        long total = rampRequests + measuredRequests;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureFrom = start + (long) (rampRequests * intervalNanos);
        long deadline = start + 2 * (ramp.toNanos() + measured.toNanos()) + requestTimeout.toNanos();
        AtomicLong nextIndex = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            Operation operation = workers.get(w);
            Tally tally = new Tally();
            tallies.add(tally);
            Thread thread = new Thread(() -> {
                try (operation) {
                    keepSchedule(operation, tally, nextIndex, sent, total, rampRequests, start, intervalNanos,
                            deadline);
                }
            }, "paced-" + scenario.label() + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ClosedLoop.sleepUntil(measureFrom);
        CpuMeter.Reading cpuAtStart = cpu.read();
        ClosedLoop.sleepUntil(measureFrom + measured.toNanos());
        CpuUse used = cpuAtStart.until(cpu.read());
        long joinBy = deadline + requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop; a request ignored its timeout");
            }
        }
        Tally sum = Tally.sum(tallies);
        long unsent = total - sent.get();
        if (unsent > 0) {
            sum.errors += unsent;
            sum.errorKinds.merge("not sent by the deadline", unsent, Long::sum);
        }
        long end = Math.max(sum.lastFinish, measureFrom + measured.toNanos());
        return StepResult.of(scenario, workers.size(), rate, sum.micros, sum.errors, sum.errorKinds,
                Duration.ofNanos(end - measureFrom), used);
    }

    private static void keepSchedule(Operation operation, Tally tally, AtomicLong nextIndex, AtomicLong sent,
                                     long total, long rampRequests, long start, double intervalNanos,
                                     long deadline) {
        while (true) {
            long index = nextIndex.getAndIncrement();
            if (index >= total) {
                return;
            }
            long due = start + (long) (index * intervalNanos);
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            if (now > deadline) {
                return; // this one and the rest stay unsent, and are counted so
            }
            sent.incrementAndGet();
            boolean measured = index >= rampRequests;
            try {
                operation.perform();
                long finish = System.nanoTime();
                if (measured) {
                    tally.success(finish - due);
                    tally.lastFinish = finish;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (measured) {
                    tally.failure(e);
                    tally.lastFinish = System.nanoTime();
                }
            }
        }
    }
}
