package dev.enroll.application.port.out;

/** What became of an erasure. */
public enum DeleteOutcome {
    /** The user is gone and its tombstone written. */
    DELETED,
    /** The stored user has moved on from the version the erasure was based on; nothing was written. */
    VERSION_CONFLICT,
    /** No such user of the contributor. */
    NOT_FOUND
}
