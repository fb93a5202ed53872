package dev.enroll.application.port.out;

/**
 * Keeps the one token-signing key that every server instance shares, so that a token issued
 * by one instance is accepted by all.
 */
public interface SigningKeyRepository {

    /** The stored key; when there is none yet, stores {@code candidate} and returns it. Race-safe. */
    byte[] loadOrStore(byte[] candidate);
}
