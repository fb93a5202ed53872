package dev.enroll.application.service;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.ContributorId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code cursor} of a user list: where the last page ended, sealed so that it shows
 * nothing and only the partner it was given to can use it.
 *
 * <p>The position is a change number, and change numbers are one sequence for all partners: in
 * the clear, the gap between two of a partner's cursors would count every other partner's writes
 * in between, and a cursor made up by hand would let a partner find the number of each of its
 * own changes. So the cursor is one AES block, {@code sequence ‖ tag}, where the tag is a MAC of
 * the partner's id: AES is a pseudorandom permutation, so a block that opens to the right tag
 * cannot be made without the key, another partner's cursor opens to the wrong tag, and nothing
 * about the number shows. One block, so no mode and no nonce (the same position gives the same
 * cursor). The keys come from the server secret every instance shares, so any instance reads any
 * instance's cursor, and a cursor kept for a later sync stays good as long as the database does.
 *
 * <p>A page that did not wait for writes in flight (a lookup by email, phone or externalUserId,
 * in a store that allows it) ends at a number that is safe to go on from only for those values:
 * a change of another user with a lower number may still commit. Its cursor's MAC also covers
 * those values, so it opens only for a listing of the same ones.
 */
final class ListCursor {

    static final String FIELD = "cursor";
    private static final byte[] CURSOR_KEY_LABEL = "enroll list cursor 2".getBytes(StandardCharsets.UTF_8);
    private static final String CIPHER = "AES/ECB/NoPadding"; // one block: AES itself
    private static final String MAC = "HmacSHA256";
    private static final int BLOCK = 16;
    private static final int TAG = 8;
    /** 16 bytes, unpadded base64url, the last character's four unused bits zero. */
    private static final Pattern CANONICAL = Pattern.compile("[A-Za-z0-9_-]{21}[AQgw]");
    /** A cursor for any listing. */
    static final String ANY_FILTER = "";
    private static final String REFUSED = "is not a cursor this API gave out for this partner's list (one from a"
            + " page filtered by email, phone or externalUserId goes on only with the same filter values)";

    private final SecretKeySpec blockKey;
    private final SecretKeySpec tagKey;

    private ListCursor(byte[] derived) {
        this.blockKey = new SecretKeySpec(derived, 0, 16, "AES");
        this.tagKey = new SecretKeySpec(derived, 16, 16, MAC);
    }

    /** Cursors sealed under keys derived from {@code serverSecret}, and for nothing else. */
    static ListCursor keyedBy(byte[] serverSecret) {
        if (serverSecret.length < ListUsersService.MIN_SERVER_SECRET_BYTES) {
            throw new IllegalArgumentException("the server secret must be at least "
                    + ListUsersService.MIN_SERVER_SECRET_BYTES + " bytes");
        }
        return new ListCursor(hmac(new SecretKeySpec(serverSecret, MAC), CURSOR_KEY_LABEL));
    }

    /**
     * A cursor that opens only for a listing of {@code identityValues} ({@link #ANY_FILTER}: any
     * listing): its position may be one a listing under other filters must not go on from.
     */
    String encode(ContributorId contributor, long sequence, String identityValues) {
        byte[] block = ByteBuffer.allocate(BLOCK).putLong(sequence).put(tag(contributor, identityValues)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(aes(Cipher.ENCRYPT_MODE, block));
    }

    /**
     * The sequence the cursor stands after, for a listing of {@code identityValues}: a cursor
     * sealed for any listing, or for one of these very values; refused otherwise.
     */
    long decode(ContributorId contributor, String cursor, String identityValues) {
        requireForm(cursor);
        byte[] block = aes(Cipher.DECRYPT_MODE, Base64.getUrlDecoder().decode(cursor));
        long sequence = ByteBuffer.wrap(block).getLong();
        byte[] tag = Arrays.copyOfRange(block, Long.BYTES, BLOCK);
        boolean sealedForThis = MessageDigest.isEqual(tag, tag(contributor, ANY_FILTER))
                || !identityValues.isEmpty() && MessageDigest.isEqual(tag, tag(contributor, identityValues));
        if (!sealedForThis || sequence < 0) {
            throw new InvalidValueException(FIELD, REFUSED);
        }
        return sequence;
    }

    /**
     * Refuses what cannot be a cursor given out, whatever it was sealed for: what a cursor can be
     * checked for before the listing it goes on with is known.
     */
    static void requireForm(String cursor) {
        // The last character carries 2 bits of the block and 4 unused ones: only the spelling with
        // those at 0 is a cursor given out, so each position has one cursor.
        if (!CANONICAL.matcher(cursor).matches()) {
            throw new InvalidValueException(FIELD, REFUSED);
        }
    }

    /** The partner's id, and the identity values the cursor is tied to, if any: the tag's MAC covers both. */
    private byte[] tag(ContributorId contributor, String identityValues) {
        String sealed = identityValues.isEmpty() ? contributor.value() : contributor.value() + "\0" + identityValues;
        return Arrays.copyOf(hmac(tagKey, sealed.getBytes(StandardCharsets.UTF_8)), TAG);
    }

    private byte[] aes(int mode, byte[] block) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(mode, blockKey);
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
