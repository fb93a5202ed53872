package dev.enroll.application.port.out;

import dev.enroll.domain.user.ContributorId;

/**
 * Where imports write users, a chunk at a time. A chunk obeys the same identity rules as single
 * creates, as if its users were inserted one after the other in the order given, and is atomic:
 * when {@link ImportSession#write} returns, its users are committed, and racing single creates
 * and other imports, on any instance, could not have made a duplicate.
 */
public interface UserImportStore {

    /**
     * A session for one import by {@code contributor}; with {@code dryRun}, nothing is ever
     * written, but each chunk is checked against the users stored and the rows the session's
     * earlier chunks would have created.
     */
    ImportSession open(ContributorId contributor, boolean dryRun);
}
