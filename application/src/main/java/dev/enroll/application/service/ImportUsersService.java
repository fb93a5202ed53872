package dev.enroll.application.service;

import dev.enroll.application.port.in.ImportCommand;
import dev.enroll.application.port.in.ImportRow;
import dev.enroll.application.port.in.ImportSummary;
import dev.enroll.application.port.in.ImportUsersUseCase;
import dev.enroll.application.port.in.ImportedRow;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.UserAlreadyExistsException;
import dev.enroll.application.port.out.ChunkOutcome;
import dev.enroll.application.port.out.ContributorSettings;
import dev.enroll.application.port.out.ImportCandidate;
import dev.enroll.application.port.out.ImportSession;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UserIdGenerator;
import dev.enroll.application.port.out.UserImportStore;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Imports users a chunk at a time: checks each row as a single create would ({@link NewUser}),
 * readies the chunk's valid users for the store, and hands them to it in one transaction; a chunk
 * is reported once it is committed, in input order.
 *
 * <p>Two chunks are in hand at once: while a writer thread of the import's own writes one and
 * reports it, the request's thread reads and checks the next. The store is the limit of an
 * import; without the overlap, it sat idle while each chunk was read and checked (a third of
 * the time, docs/benchmark.md "Import beside a raw COPY"). Writes stay one at a time and in
 * order, so the next chunk is settled against every row before it, as in a one-thread import.
 */
public final class ImportUsersService implements ImportUsersUseCase {

    /**
     * Rows per chunk. A chunk takes up to three advisory locks per row (phone, email,
     * externalUserId) in one transaction, and PostgreSQL's lock table holds
     * max_locks_per_transaction x max_connections (6,400 by default) for everyone: 1,000 rows
     * leave room for two imports at once and everything else.
     */
    public static final int CHUNK_ROWS = 1_000;

    private final UserImportStore store;
    private final UserIdGenerator ids;
    private final PartnerCodeGenerator partnerCodes;
    private final PolicyAssembler policies;
    private final Clock clock;

    public ImportUsersService(UserImportStore store, UserIdGenerator ids,
                              PartnerCodeGenerator partnerCodes, ContributorSettings settings, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.partnerCodes = partnerCodes;
        this.policies = new PolicyAssembler(settings);
        this.clock = clock;
    }

    @Override
    public ImportSummary importUsers(ImportCommand command, Iterator<ImportRow> rows,
                                     Consumer<List<ImportedRow>> report) {
        Instant start = clock.instant();
        Tally tally = new Tally();
        ExecutorService writer = Executors.newSingleThreadExecutor(ImportUsersService::writerThread);
        try (ImportSession session = store.open(command.contributor(), command.dryRun())) {
            Future<?> writing = null;
            try {
                while (rows.hasNext()) {
                    CheckedRows chunk = checkedRows(command, rows, session, writing);
                    if (writing != null) {
                        finish(writing);
                    }
                    writing = writer.submit(() -> {
                        List<ImportedRow> results = chunk.write(command, session, partnerCodes);
                        results.forEach(tally::count);
                        report.accept(results);
                    });
                }
                if (writing != null) {
                    finish(writing);
                }
            } catch (RuntimeException | Error failure) {
                // Reading failed (or a write did): the session must not close under a write still running.
                awaitAfter(failure, writing);
                throw failure;
            }
        } finally {
            writer.shutdown();
        }
        return new ImportSummary(tally.rows, tally.created, tally.existing, tally.rejected,
                Duration.between(start, clock.instant()), command.dryRun());
    }

    /**
     * The next chunk of rows, each checked as a single create checks it, and readied for the
     * store; stops with the failure of the write in flight as soon as it has failed, rather than
     * once the chunk is read (a client may send slowly).
     */
    private CheckedRows checkedRows(ImportCommand command, Iterator<ImportRow> rows, ImportSession session,
                                    Future<?> inFlight) {
        Instant now = clock.instant();
        List<ImportedRow> refused = new ArrayList<>(CHUNK_ROWS);
        List<Long> lines = new ArrayList<>(CHUNK_ROWS);
        List<ImportCandidate> candidates = new ArrayList<>(CHUNK_ROWS);
        while (lines.size() < CHUNK_ROWS && rows.hasNext()) {
            if (inFlight != null && inFlight.isDone()) {
                finish(inFlight);
            }
            ImportRow row = rows.next();
            ImportedRow refusedRow = null;
            try {
                candidates.add(candidate(command.contributor(), row, now));
            } catch (InvalidInputException refusal) {
                refusedRow = ImportedRow.rejected(row.line(), refusal);
            }
            lines.add(row.line());
            refused.add(refusedRow);
        }
        return new CheckedRows(lines, refused, candidates.isEmpty() ? null : session.prepare(candidates));
    }

    /**
     * A chunk's rows by line, in input order; for each, its refusal or null; and the users of the
     * rows not refused, in the same order, ready for the store (null if there are none).
     */
    private record CheckedRows(List<Long> lines, List<ImportedRow> refused, ImportSession.Chunk ready) {

        List<ImportedRow> write(ImportCommand command, ImportSession session, PartnerCodeGenerator partnerCodes) {
            List<ChunkOutcome.RowOutcome> written = ready == null ? List.of()
                    : ((ChunkOutcome.Written) session.write(ready, partnerCodes)).rows();
            List<ImportedRow> results = new ArrayList<>(lines.size());
            int w = 0;
            for (int i = 0; i < lines.size(); i++) {
                results.add(refused.get(i) != null ? refused.get(i) : result(command, lines.get(i), written.get(w++)));
            }
            return results;
        }
    }

    private static Thread writerThread(Runnable task) {
        Thread thread = new Thread(task, "enroll-import-writer");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Waits for a chunk's write and its report, and throws what they threw. The wait is bounded
     * by the store's deadlines for a chunk's statements and by the HTTP server's idle timeout for
     * the report; it is not cut short by an interrupt, which could close the session under a
     * write still running.
     */
    private static void finish(Future<?> writing) {
        try {
            awaitUninterruptibly(writing);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for the write in flight after {@code failure}; a failure of its own rides along, suppressed. */
    private static void awaitAfter(Throwable failure, Future<?> writing) {
        if (writing != null) {
            try {
                awaitUninterruptibly(writing);
            } catch (ExecutionException e) {
                if (e.getCause() != failure) {
                    failure.addSuppressed(e.getCause());
                }
            }
        }
    }

    private static void awaitUninterruptibly(Future<?> writing) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    writing.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The row as a user to insert, checked exactly as a single create checks it. */
    private ImportCandidate candidate(ContributorId contributor, ImportRow row, Instant now) {
        if (!row.unreadable().isEmpty()) {
            throw new InvalidInputException(row.unreadable());
        }
        Violations violations = new Violations();
        NewUser user = row.policy() == null
                ? NewUser.plain(row.user(), violations)
                : NewUser.withPolicy(row.user(), row.policy(), contributor, policies, violations);
        violations.throwIfAny();
        return new ImportCandidate(User.register(ids.next(), contributor, user.profile(), user.policy(),
                partnerCodes.next(), now), user.keys());
    }

    /** A dry run keeps nothing, so it names no ids: they would point at users that do not exist. */
    private static ImportedRow result(ImportCommand command, long line, ChunkOutcome.RowOutcome outcome) {
        if (outcome instanceof ChunkOutcome.Inserted inserted) {
            return ImportedRow.created(line, command.dryRun() ? null : inserted.id());
        }
        ChunkOutcome.Taken taken = (ChunkOutcome.Taken) outcome;
        if (command.returnExisting() && taken.otherKey() != null) {
            // As a single create: no one user is "the existing one" (docs/identity.md, rule 10).
            return ImportedRow.rejected(line, UserAlreadyExistsException.heldByDifferentUsers(
                    taken.key().describe(), taken.otherKey().describe()));
        }
        if (command.returnExisting()) {
            return command.dryRun() ? new ImportedRow(line, ImportedRow.Status.EXISTING, null, null)
                    : ImportedRow.existing(line, taken.holder());
        }
        return ImportedRow.rejected(line, new UserAlreadyExistsException(taken.key().describe()));
    }

    /** Counts by status. */
    private static final class Tally {
        private long rows;
        private long created;
        private long existing;
        private long rejected;

        void count(ImportedRow row) {
            rows++;
            switch (row.status()) {
                case CREATED -> created++;
                case EXISTING -> existing++;
                case REJECTED -> rejected++;
            }
        }
    }
}
