package dev.enroll.bootstrap.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * An import's progress: a bar with rows/s and the time left on a terminal; a plain line every
 * few seconds otherwise (a log, a CI job), where a redrawn bar would be noise.
 */
final class ImportProgress implements AutoCloseable {

    private static final int PLAIN_LINE_MILLIS = 5_000;

    private final ProgressBar bar;
    private long rows;

    private ImportProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static ImportProgress start(long expectedRows, PrintWriter err) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("Import").setInitialMax(expectedRows)
                .setUnit(" rows", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS);
        if (System.console() == null) {
            builder.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(PLAIN_LINE_MILLIS)
                    .setMaxRenderedLength(100)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        err.println(line);
                        err.flush();
                    }));
        } else {
            builder.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err));
        }
        return new ImportProgress(builder.build());
    }

    void row() {
        rows++;
        bar.step();
    }

    /** Rows answered so far. */
    long rows() {
        return rows;
    }

    @Override
    public void close() {
        bar.close();
    }
}
