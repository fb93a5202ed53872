package dev.enroll.application.port.out;

import java.util.List;

/** One import's way into the store; see {@link UserImportStore}. Not for use by more than one thread. */
public interface ImportSession extends AutoCloseable {

    /**
     * Inserts each of {@code users} unless an earlier one in the list, or a stored user of the
     * contributor, holds one of its keys (checked in the order given; the first key held wins),
     * all in one transaction; a partner code another user has already is drawn again from
     * {@code partnerCodes}. Outcomes come back in the order of {@code users}. The store decides
     * identity only: whether the contributor may import was settled when its request was let in.
     */
    ChunkOutcome write(List<ImportCandidate> users, PartnerCodeGenerator partnerCodes);

    @Override
    void close();
}
