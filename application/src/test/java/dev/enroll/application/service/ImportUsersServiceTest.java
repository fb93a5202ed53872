package dev.enroll.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.enroll.application.port.in.ImportCommand;
import dev.enroll.application.port.in.ImportRow;
import dev.enroll.application.port.in.ImportSummary;
import dev.enroll.application.port.in.ImportedRow;
import dev.enroll.application.port.out.ChunkOutcome;
import dev.enroll.application.port.out.ImportCandidate;
import dev.enroll.application.port.out.ImportSession;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.application.testing.TestIds;
import dev.enroll.domain.user.ContributorId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * How an import moves chunks from the reader to the store and back to the caller, while the next
 * chunk is read as the last one is written: order, and what a failure on either side leaves. The
 * identity rules themselves are the stores' (UserImportStoreContract) and the HTTP tests'.
 */
class ImportUsersServiceTest {

    private static final ContributorId ACME = TestIds.contributor();
    private static final ImportCommand IMPORT = new ImportCommand(ACME, false, false);
    private static final int CHUNK = ImportUsersService.CHUNK_ROWS;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final RecordingStore store = new RecordingStore();
    private final ImportUsersService imports = new ImportUsersService(store, TestIds::userId, TestIds::partnerCode,
            contributor -> false, Clock.systemUTC());

    @Test
    void everyRowIsReportedOnceInInputOrderAcrossChunks() {
        List<ImportedRow> reported = Collections.synchronizedList(new ArrayList<>());

        AtomicInteger reports = new AtomicInteger();

        ImportSummary summary = imports.importUsers(IMPORT, rows(2 * CHUNK + 500), rows -> {
            events.add("report " + reports.incrementAndGet());
            reported.addAll(rows);
        });

        assertThat(reported).extracting(ImportedRow::line)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 2 * CHUNK + 500).boxed().toList());
        assertThat(reported).extracting(ImportedRow::status).containsOnly(ImportedRow.Status.CREATED);
        assertThat(summary.created()).isEqualTo(2 * CHUNK + 500);
        assertThat(events).containsExactly("write 1", "report 1", "write 2", "report 2", "write 3", "report 3", "close");
    }

    @Test
    void aReadThatFailsWhileAChunkIsWrittenClosesTheSessionOnlyAfterThatWrite() {
        CountDownLatch readFailed = new CountDownLatch(1);
        store.firstWriteWaitsFor = readFailed;
        Iterator<ImportRow> breaking = breakingAfterOneChunk(readFailed);

        assertThatThrownBy(() -> imports.importUsers(IMPORT, breaking, rows -> events.add("report 1")))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(events).containsExactly("write 1", "report 1", "close");
    }

    @Test
    void aWriteThatFailsStopsTheImportAndReachesTheCaller() {
        store.failingWrite = 1;

        assertThatThrownBy(() -> imports.importUsers(IMPORT, rows(3 * CHUNK), rows -> events.add("report")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the store failed");

        assertThat(events).containsExactly("write 1", "close");
    }

    @Test
    void aWriteThatFailsStopsTheReadingOfTheNextChunkAtOnce() {
        store.failingWrite = 1;
        AtomicInteger read = new AtomicInteger();
        Iterator<ImportRow> rows = rows(3 * CHUNK);
        Iterator<ImportRow> counted = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public ImportRow next() {
                if (read.incrementAndGet() == CHUNK + 2) {
                    store.awaitWriterIdleAfterFailure();
                }
                return rows.next();
            }
        };

        assertThatThrownBy(() -> imports.importUsers(IMPORT, counted, results -> events.add("report")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the store failed");

        assertThat(read.get()).as("rows read before the failed write stopped the import").isLessThanOrEqualTo(CHUNK + 2);
    }

    @Test
    void aWriteThatFailsAfterTheReadFailedIsKeptWithTheReadFailure() {
        CountDownLatch readFailed = new CountDownLatch(1);
        store.firstWriteWaitsFor = readFailed;
        store.failingWrite = 1;
        Iterator<ImportRow> breaking = breakingAfterOneChunk(readFailed);

        Throwable failure = catchThrowable(
                () -> imports.importUsers(IMPORT, breaking, results -> events.add("report")));

        assertThat(failure).isInstanceOf(UncheckedIOException.class);
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class)
                .extracting(Throwable::getMessage).isEqualTo("the store failed");
        assertThat(events).containsExactly("write 1", "close");
    }

    @Test
    void aReportThatFailsStopsTheImport() {
        Consumer<List<ImportedRow>> goneClient = rows -> {
            throw new UncheckedIOException(new IOException("broken pipe"));
        };

        assertThatThrownBy(() -> imports.importUsers(IMPORT, rows(3 * CHUNK), goneClient))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(events).containsExactly("write 1", "close");
    }

    /** A chunk of rows, then the connection breaks: {@code readFailed} counts down as it does. */
    private static Iterator<ImportRow> breakingAfterOneChunk(CountDownLatch readFailed) {
        Iterator<ImportRow> rows = rows(CHUNK);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (rows.hasNext()) {
                    return true;
                }
                readFailed.countDown();
                throw new UncheckedIOException(new IOException("the client went away"));
            }

            @Override
            public ImportRow next() {
                return rows.next();
            }
        };
    }

    private static Iterator<ImportRow> rows(int count) {
        return new Iterator<>() {
            private long line;

            @Override
            public boolean hasNext() {
                return line < count;
            }

            @Override
            public ImportRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ImportRow.of(++line, Inputs.user(TestIds.phone(), TestIds.email()), null);
            }
        };
    }

    /** Inserts every user it is given and records what it was asked to do, in order. */
    private final class RecordingStore implements UserImportStore {
        private CountDownLatch firstWriteWaitsFor;
        private int failingWrite;
        private int writes;
        private final CountDownLatch failed = new CountDownLatch(1);
        private volatile Thread writer;

        /** Waits until a write has failed and its thread has gone back to waiting for the next one. */
        void awaitWriterIdleAfterFailure() {
            awaitWithin(failed);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (writer.getState() != Thread.State.WAITING) {
                assertThat(System.nanoTime()).as("the writer thread went idle within 10 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }

        @Override
        public ImportSession open(ContributorId contributor, boolean dryRun) {
            return new ImportSession() {
                @Override
                public Chunk prepare(List<ImportCandidate> users) {
                    List<ImportCandidate> ready = List.copyOf(users);
                    return () -> ready;
                }

                @Override
                public ChunkOutcome write(Chunk chunk, PartnerCodeGenerator partnerCodes) {
                    writer = Thread.currentThread();
                    writes++;
                    events.add("write " + writes);
                    if (writes == 1 && firstWriteWaitsFor != null) {
                        awaitWithin(firstWriteWaitsFor);
                    }
                    if (writes == failingWrite) {
                        failed.countDown();
                        throw new IllegalStateException("the store failed");
                    }
                    return new ChunkOutcome.Written(chunk.users().stream()
                            .<ChunkOutcome.RowOutcome>map(user -> new ChunkOutcome.Inserted(user.user().id())).toList());
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        }
    }

    private static void awaitWithin(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("the reader failed within 10 s").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
