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
import java.util.function.Consumer;

/**
 * Imports users a chunk at a time: checks each row as a single create would ({@link NewUser}),
 * hands the chunk's valid users to the store in one transaction, and reports the chunk once it
 * is committed. Only one chunk is held at a time.
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
        try (ImportSession session = store.open(command.contributor(), command.dryRun())) {
            List<ImportRow> chunk = new ArrayList<>(CHUNK_ROWS);
            while (rows.hasNext()) {
                chunk.add(rows.next());
                if (chunk.size() == CHUNK_ROWS || !rows.hasNext()) {
                    List<ImportedRow> results = importChunk(command, chunk, session);
                    results.forEach(tally::count);
                    report.accept(results);
                    chunk.clear();
                }
            }
        }
        return new ImportSummary(tally.rows, tally.created, tally.existing, tally.rejected,
                Duration.between(start, clock.instant()), command.dryRun());
    }

    private List<ImportedRow> importChunk(ImportCommand command, List<ImportRow> chunk, ImportSession session) {
        ImportedRow[] results = new ImportedRow[chunk.size()];
        List<ImportCandidate> candidates = new ArrayList<>(chunk.size());
        List<Integer> positions = new ArrayList<>(chunk.size());
        Instant now = clock.instant();
        for (int i = 0; i < chunk.size(); i++) {
            ImportRow row = chunk.get(i);
            try {
                candidates.add(candidate(command.contributor(), row, now));
                positions.add(i);
            } catch (InvalidInputException refusal) {
                results[i] = ImportedRow.rejected(row.line(), refusal);
            }
        }
        if (!candidates.isEmpty()) {
            List<ChunkOutcome.RowOutcome> written = ((ChunkOutcome.Written) session.write(candidates, partnerCodes)).rows();
            for (int c = 0; c < written.size(); c++) {
                int i = positions.get(c);
                results[i] = result(command, chunk.get(i).line(), written.get(c));
            }
        }
        return List.of(results);
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
            // As a single create: no one user is "the existing one" (docs/identity.md, rule 3).
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
