package dev.enroll.benchmark;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One client thread's own record of a step: latencies and errors, touched by that thread alone so
 * recording costs no locking; the loops add the tallies up once the threads are done.
 */
final class Tally {

    /** Up to a minute, three significant digits: 1 µs resolution below 1 ms, about 0.1% above. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    final Histogram micros = new Histogram(HIGHEST_MICROS, 3);
    final Map<String, Long> errorKinds = new HashMap<>();
    long errors;
    long lastFinish;

    void success(long nanos) {
        micros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }

    void failure(Exception e) {
        errors++;
        String kind = e instanceof UnexpectedAnswer answer ? answer.kind() : e.getClass().getSimpleName();
        errorKinds.merge(kind, 1L, Long::sum);
    }

    static Tally sum(Iterable<Tally> tallies) {
        Tally total = new Tally();
        for (Tally t : tallies) {
            total.micros.add(t.micros);
            total.errors += t.errors;
            t.errorKinds.forEach((k, v) -> total.errorKinds.merge(k, v, Long::sum));
            total.lastFinish = Math.max(total.lastFinish, t.lastFinish);
        }
        return total;
    }
}
