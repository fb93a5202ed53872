package dev.enroll.domain.partner;

import dev.enroll.domain.InvalidValueException;
import java.util.Base64;
import java.util.Random;
import java.util.regex.Pattern;

/** The public half of a partner's credentials. Not a secret, but not guessable either. */
public record ClientId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    /** Client ids Enroll issues: a prefix and 16 random bytes (128 bits), base64url. */
    private static final String ISSUED_PREFIX = "ck_";
    private static final int ISSUED_BYTES = 16;
    private static final Pattern ISSUED = Pattern.compile(ISSUED_PREFIX + "[A-Za-z0-9_-]{22}");

    public ClientId {
        if (!isWellFormed(value)) {
            throw new InvalidValueException("clientId", "is not a valid client id");
        }
    }

    /** Whether {@code text} may be a client id at all: text that is not can match no partner's. */
    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** A new client id, as Enroll issues them, from {@code random}. */
    public static ClientId issue(Random random) {
        byte[] bytes = new byte[ISSUED_BYTES];
        random.nextBytes(bytes);
        return new ClientId(ISSUED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Whether {@code text} has the shape of a client id Enroll issues. A secret never has (it is
     * longer), so text of this shape may be shown where text sent as a client id may not.
     */
    public static boolean hasIssuedShape(String text) {
        return text != null && ISSUED.matcher(text).matches();
    }
}
