package dev.enroll.application.service;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.ContributorId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a user list: where the last page ended (a change sequence) and
 * whose list it is, as unpadded base64url. Bound to the contributor so that a cursor passed to
 * another partner's client is refused rather than quietly paging that partner's list from some
 * position. Not a secret and not signed: all it can name is a position in the caller's own list.
 */
final class ListCursor {

    static final String FIELD = "cursor";
    private static final String VERSION = "1";
    private static final int MAX_LENGTH = 512;

    private ListCursor() {
    }

    static String encode(ContributorId contributor, long sequence) {
        String plain = VERSION + ":" + sequence + ":" + contributor.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence the cursor stands after; refused when malformed or {@code contributor}'s it is not. */
    static long decode(ContributorId contributor, String cursor) {
        String[] parts = plain(cursor).split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].matches("[0-9]{1,18}")) {
            throw new InvalidValueException(FIELD, "is not a cursor this API gave out");
        }
        if (!parts[2].equals(contributor.value())) {
            throw new InvalidValueException(FIELD, "belongs to another partner's list");
        }
        return Long.parseLong(parts[1]);
    }

    private static String plain(String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH || !cursor.matches("[A-Za-z0-9_-]+")) {
            throw new InvalidValueException(FIELD, "is not a cursor this API gave out");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(FIELD, "is not a cursor this API gave out");
        }
    }
}
