package dev.enroll.adapter.persistence.postgres;

/**
 * A migration gave up waiting for a lock that another session holds on a table it changes. Its
 * transaction rolled back, so nothing was applied; starting again once that session has ended
 * applies it.
 */
public final class MigrationBlockedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MigrationBlockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
