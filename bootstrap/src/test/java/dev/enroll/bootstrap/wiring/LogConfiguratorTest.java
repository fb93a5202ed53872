package dev.enroll.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {

    /** Far more lines than the writer's queue holds. */
    private static final int LINES = 50_000;

    @Test
    void a_stalled_stderr_never_stops_the_threads_that_log() {
        CountDownLatch stalled = new CountDownLatch(1);
        PrintStream original = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // as SLF4J's binding gives the context it starts
        StalledStream stderr = new StalledStream(stalled);
        System.setErr(new PrintStream(stderr, true));
        try {
            new LogConfigurator().configure(context);
            Logger requests = context.getLogger("enroll.access");

            // A log driver that stopped reading: every request thread logs, none may wait for it.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < LINES; i++) {
                    requests.info("method=GET route=/health/ready status=200 line={}", i);
                }
            });
            assertThat(stderr.writes()).as("the writer thread reached stderr and waits there").isPositive();
            // The writer holds at most a queue's worth when it stalls; the queue the next; the rest are counted.
            assertThat(LogQueue.of(context)).hasValueSatisfying(queue -> assertThat(queue.dropped())
                    .isBetween((long) LINES - 2 * LogConfigurator.QUEUE_SIZE, (long) LINES - LogConfigurator.QUEUE_SIZE));
        } finally {
            stalled.countDown();
            System.setErr(original);
            context.stop();
        }
    }

    /** stderr as a pipe nobody reads: every write waits until the test ends. */
    private static final class StalledStream extends OutputStream {
        private final CountDownLatch stalled;
        private final AtomicInteger writes = new AtomicInteger();

        StalledStream(CountDownLatch stalled) {
            this.stalled = stalled;
        }

        @Override
        public void write(int b) {
            await();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            await();
        }

        int writes() {
            return writes.get();
        }

        private void await() {
            writes.incrementAndGet();
            try {
                stalled.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
