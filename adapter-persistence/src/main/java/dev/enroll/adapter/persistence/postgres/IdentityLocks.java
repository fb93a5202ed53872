package dev.enroll.adapter.persistence.postgres;

import dev.enroll.application.port.out.UserFilter;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The transaction-scoped advisory locks a user write takes before it checks identities: one per
 * (contributor, phone), (contributor, email) and (contributor, externalUserId) the written row
 * will carry. Every write that could make two users clash on one of them, whatever it claims,
 * takes its lock, so such writes run one after the other, and each sees what the previous one
 * committed. Phone + policy needs no lock of its own: every row holding one holds its phone.
 * A writer takes them with {@link #TAKE}, after its contributors' change locks (V8's
 * {@code lock_user_writes}), before it touches a row.
 *
 * <p>Keys are 64-bit hashes; two identities sharing a hash only make their writes wait for each
 * other, never let a duplicate through, because the check that follows compares the values.
 * The hash is part of the protocol between running instances, and with the bulk import, which
 * takes the same locks through {@link #key}: this is its one definition, and IdentityLocksTest
 * pins its values. Changing it needs every instance stopped first.
 */
final class IdentityLocks {

    private static final char PHONE = 'p';
    private static final char EMAIL = 'e';
    private static final char EXTERNAL = 'x';
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * The call every user writer starts its transaction with: the change locks of the contributors
     * it writes for (shared), then the identity keys (exclusive, ascending), in that one order
     * (V8's {@code lock_user_writes}). Its two parameters are bound by {@link #bind}.
     */
    static final String TAKE = "lock_user_writes(CAST(? AS text[]), CAST(? AS bigint[]))";

    private IdentityLocks() {
    }

    /** Binds {@link #TAKE}'s parameters from {@code first} on; answers the next parameter's index. */
    static int bind(PreparedStatement statement, int first, String[] contributors, long[] keys) throws SQLException {
        statement.setObject(first, contributors);
        statement.setObject(first + 1, keys);
        return first + 2;
    }

    /** Binds {@link #TAKE}'s parameters for a writer of one contributor's users. */
    static int bind(PreparedStatement statement, int first, ContributorId contributor, long[] keys) throws SQLException {
        return bind(statement, first, new String[] {contributor.value()}, keys);
    }

    /**
     * Whether every row {@code filter} matches carries a value whose lock each writer of such a row
     * holds from before its change number is taken to its commit (phone, email, externalUserId).
     * Such writes take turns, so their numbers follow their commits: a page of them needs no
     * settled bound (UserChangeFeed), none of them can commit later with a lower number.
     */
    static boolean serializeEveryWriterOf(UserFilter filter) {
        return filter.email() != null || filter.phone() != null || filter.externalUserId() != null;
    }

    /** The keys {@code user}'s write locks: distinct and ascending, the order every writer takes them in. */
    static long[] forWrite(User user, List<IdentityKey> claims) {
        ContributorId contributor = user.contributor();
        long[] keys = new long[3 + claims.size()];
        int count = 0;
        keys[count++] = key(contributor, PHONE, user.profile().phone().value());
        if (user.profile().email() != null) {
            keys[count++] = key(contributor, EMAIL, user.profile().email().normalized());
        }
        if (user.profile().externalUserId() != null) {
            keys[count++] = key(contributor, EXTERNAL, user.profile().externalUserId().value());
        }
        // Claims name the row's own values; locking them as well keeps this correct if one ever does not.
        for (IdentityKey claim : claims) {
            if (claim instanceof IdentityKey.Phone phone) {
                keys[count++] = key(contributor, PHONE, phone.phone().value());
            } else if (claim instanceof IdentityKey.Email email) {
                keys[count++] = key(contributor, EMAIL, email.email().normalized());
            } else if (claim instanceof IdentityKey.PhoneAndPolicy phoneAndPolicy) {
                keys[count++] = key(contributor, PHONE, phoneAndPolicy.phone().value());
            } else if (claim instanceof IdentityKey.External external) {
                keys[count++] = key(contributor, EXTERNAL, external.externalUserId().value());
            }
        }
        Arrays.sort(keys, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || keys[i] != keys[distinct - 1]) {
                keys[distinct++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, distinct);
    }

    /**
     * FNV-1a over contributor, kind and value (NUL-separated: none of them holds a NUL), then
     * MurmurHash3's 64-bit finaliser to spread the bits. Cheap, because every write computes two;
     * its quality only decides how often unrelated writes wait for each other.
     */
    static long key(ContributorId contributor, char kind, String value) {
        long hash = mix(FNV_OFFSET, contributor.value());
        hash = (hash ^ kind) * FNV_PRIME;
        hash = mix(hash * FNV_PRIME, value);
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }

    /** FNV-1a steps for each character of {@code text}, then one for a NUL separator. */
    private static long mix(long hash, String text) {
        long h = hash;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * FNV_PRIME;
        }
        return h * FNV_PRIME;
    }
}
