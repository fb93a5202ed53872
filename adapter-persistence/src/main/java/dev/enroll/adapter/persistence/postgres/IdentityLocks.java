package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The transaction-scoped advisory locks a user write takes before it checks identities: one per
 * (contributor, phone) and one per (contributor, email) the written row will carry. Every write
 * that could make two users clash on a phone or an email, whatever it claims, takes the lock of
 * that phone or email, so such writes run one after the other, and each sees what the previous
 * one committed. Phone + policy needs no lock of its own: every row holding one holds its phone.
 *
 * <p>Keys are 64-bit hashes; two identities sharing a hash only make their writes wait for each
 * other, never let a duplicate through, because the check that follows compares the values.
 * The hash is part of the protocol between running instances: changing it needs all of them
 * stopped first.
 */
final class IdentityLocks {

    private static final String PHONE = "phone";
    private static final String EMAIL = "email";

    private IdentityLocks() {
    }

    /** The keys {@code user}'s write locks: distinct and ascending, the order every writer takes them in. */
    static long[] forWrite(User user, List<IdentityKey> claims) {
        ContributorId contributor = user.contributor();
        LongStream.Builder keys = LongStream.builder();
        keys.add(key(contributor, PHONE, user.profile().phone().value()));
        if (user.profile().email() != null) {
            keys.add(key(contributor, EMAIL, user.profile().email().normalized()));
        }
        // Claims name the row's own values; locking them as well keeps this correct if one ever does not.
        for (IdentityKey claim : claims) {
            if (claim instanceof IdentityKey.Phone phone) {
                keys.add(key(contributor, PHONE, phone.phone().value()));
            } else if (claim instanceof IdentityKey.Email email) {
                keys.add(key(contributor, EMAIL, email.email().normalized()));
            } else if (claim instanceof IdentityKey.PhoneAndPolicy phoneAndPolicy) {
                keys.add(key(contributor, PHONE, phoneAndPolicy.phone().value()));
            }
        }
        return keys.build().distinct().sorted().toArray();
    }

    /** The first 64 bits of SHA-256 over contributor, kind and value, NUL-separated (none of them holds a NUL). */
    static long key(ContributorId contributor, String kind, String value) {
        MessageDigest digest = sha256();
        digest.update(contributor.value().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(kind.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest()).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
