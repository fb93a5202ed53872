package dev.enroll.benchmark;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one step measured. Latencies are those of successful requests, in milliseconds; throughput
 * counts successful requests only. {@code targetRate} is zero for a closed-loop step (each client
 * sends its next request when the previous answer arrives) and the schedule for a paced step, whose
 * latencies run from when each request was due, not when it happened to be sent.
 */
record StepResult(Scenario scenario, int concurrency, double targetRate, long requests, long errors,
                  Map<String, Long> errorKinds, double seconds, double p50Ms, double p95Ms, double p99Ms,
                  double maxMs, CpuUse cpuPerRequest) {

    StepResult {
        // Sorted by kind, so the table lists a run's errors in the same order every time.
        errorKinds = Collections.unmodifiableMap(new TreeMap<>(errorKinds));
    }

    /**
     * {@code microseconds} holds one value per successful request, in microseconds; {@code cpu} is
     * the CPU time used in the measured window, shared out over the successful requests.
     */
    static StepResult of(Scenario scenario, int concurrency, double targetRate, Histogram microseconds,
                         long errors, Map<String, Long> errorKinds, Duration elapsed, CpuUse cpu) {
        long requests = microseconds.getTotalCount();
        return new StepResult(scenario, concurrency, targetRate, requests, errors, errorKinds,
                elapsed.toNanos() / 1e9,
                millis(microseconds, 50), millis(microseconds, 95), millis(microseconds, 99),
                requests == 0 ? 0 : microseconds.getMaxValue() / 1000.0, cpu.perRequest(requests));
    }

    double throughput() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    boolean paced() {
        return targetRate > 0;
    }

    private static double millis(Histogram microseconds, double percentile) {
        return microseconds.getTotalCount() == 0 ? 0 : microseconds.getValueAtPercentile(percentile) / 1000.0;
    }
}
