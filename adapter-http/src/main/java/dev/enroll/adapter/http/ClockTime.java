package dev.enroll.adapter.http;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/** The settings' clock as Bucket4j's time, so limits follow the same time as tokens (and tests' clocks). */
record ClockTime(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
