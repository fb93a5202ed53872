package dev.enroll.application.service;

import dev.enroll.domain.partner.SecretHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a client secret; see {@link SecretHash} for why a fast digest is right here. */
final class SecretHasher {

    private SecretHasher() {
    }

    static SecretHash hash(String secret) {
        try {
            return new SecretHash(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
