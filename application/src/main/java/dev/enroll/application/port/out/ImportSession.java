package dev.enroll.application.port.out;

import java.util.List;

/**
 * One import's way into the store; see {@link UserImportStore}. A chunk is first made ready
 * ({@link #prepare}), which touches no store, then written: so one thread can ready the next chunk
 * while another writes the last. {@code prepare} may run at any time; {@code write} and
 * {@code close} run one at a time.
 */
public interface ImportSession extends AutoCloseable {

    /** Users made ready to {@link #write}: what the store can do without the database, done. */
    interface Chunk {
        List<ImportCandidate> users();
    }

    /** Readies {@code users} for {@link #write}, without touching the store. */
    Chunk prepare(List<ImportCandidate> users);

    /**
     * Inserts each of the chunk's users unless an earlier one in the list, or a stored user of the
     * contributor, holds one of its keys (checked in the order given; the first key held wins),
     * all in one transaction; a partner code another user has already is drawn again from
     * {@code partnerCodes}. Outcomes come back in the order of the users. The store decides
     * identity only: whether the contributor may import was settled when its request was let in.
     */
    ChunkOutcome write(Chunk chunk, PartnerCodeGenerator partnerCodes);

    @Override
    void close();
}
