package dev.enroll.application.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Text;
import dev.enroll.domain.user.PhoneNumber;
import java.util.regex.Pattern;

/**
 * Turns E.164 input into a {@link PhoneNumber}. It accepts every <em>possible</em> number (right
 * length for its country), not only numbers assigned today: partners onboard numbers that
 * libphonenumber's metadata does not know yet, and the reference's own +15556667777 must pass.
 */
final class PhoneNumberParser {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();
    private static final Pattern E164_INPUT = Pattern.compile("\\+\\d{1,15}");
    private static final String FIELD = "phone";
    private static final String SHAPE = "must be in E.164 format, e.g. +15556667777";

    private PhoneNumberParser() {
    }

    static PhoneNumber parse(String input) {
        String text = Text.optional(input);
        if (text == null) {
            throw new InvalidValueException(FIELD, "is required");
        }
        if (!E164_INPUT.matcher(text).matches()) {
            throw new InvalidValueException(FIELD, SHAPE);
        }
        Phonenumber.PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(text, "ZZ");
        } catch (NumberParseException e) {
            throw new InvalidValueException(FIELD, SHAPE);
        }
        if (!PHONE_NUMBERS.isPossibleNumber(number)) {
            throw new InvalidValueException(FIELD, "is not a possible phone number for its country code");
        }
        return new PhoneNumber(PHONE_NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }
}
