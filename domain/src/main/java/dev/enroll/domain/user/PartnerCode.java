package dev.enroll.domain.user;

import dev.enroll.domain.InvalidValueException;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A short code the user can read to the partner over the phone. Its alphabet leaves out
 * 0/O and 1/I, so no character can be mistaken for another; 8 of 32 symbols give 2^40 codes.
 */
public record PartnerCode(String value) {

    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final int LENGTH = 8;
    /** 2^5 = the alphabet's 32 symbols. */
    private static final int BITS_PER_SYMBOL = 5;
    private static final Pattern FORMAT = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");

    public PartnerCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("partnerCode",
                    "must be " + LENGTH + " characters from " + ALPHABET);
        }
    }

    /**
     * Eight symbols from one draw of 64 bits, 5 bits each (32 symbols: no bias): a cryptographic
     * source pays per call, and a draw per symbol showed in every create's profile.
     */
    public static PartnerCode random(RandomGenerator random) {
        long bits = random.nextLong();
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt((int) (bits >>> (BITS_PER_SYMBOL * i)) & ((1 << BITS_PER_SYMBOL) - 1));
        }
        return new PartnerCode(new String(code));
    }
}
