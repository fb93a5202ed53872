package dev.enroll.domain.user;

import dev.enroll.domain.InvalidValueException;
import java.util.regex.Pattern;

/** A phone number in E.164 form: '+', a country code, at most 15 digits in all. */
public record PhoneNumber(String value) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

    public PhoneNumber {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("phone", "is required");
        }
        if (!E164.matcher(value).matches()) {
            throw new InvalidValueException("phone", "must be in E.164 format, e.g. +15556667777");
        }
    }

    @Override
    public String toString() {
        return "PhoneNumber[redacted]";
    }
}
