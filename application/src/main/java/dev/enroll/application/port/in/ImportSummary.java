package dev.enroll.application.port.in;

import java.time.Duration;

/** The counts of an import that read its rows to the end, and how long it took. */
public record ImportSummary(long rows, long created, long existing, long rejected, Duration elapsed,
                            boolean dryRun) {
}
