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
    private static final Pattern FORMAT = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");

    public PartnerCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("partnerCode",
                    "must be " + LENGTH + " characters from " + ALPHABET);
        }
    }

    public static PartnerCode random(RandomGenerator random) {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new PartnerCode(new String(code));
    }
}
