package dev.enroll.domain.partner;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The SHA-256 digest of a partner's client secret: all we keep of it. The secrets are 256
 * random bits, so a fast digest is safe here (there is nothing to guess), and comparison
 * takes the same time whatever the input, so timing tells an attacker nothing.
 */
public record SecretHash(byte[] digest) {

    public static final int LENGTH = 32;

    public SecretHash {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a secret hash is " + LENGTH + " bytes");
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Constant-time comparison. */
    public boolean matches(SecretHash other) {
        return other != null && MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretHash that && matches(that);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "SecretHash[redacted]";
    }
}
