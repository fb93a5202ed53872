package dev.enroll.domain.user;

import dev.enroll.domain.InvalidValueException;
import java.util.regex.Pattern;

/** The partner that owns a user; every user belongs to exactly one. Also the partner's public id. */
public record ContributorId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ContributorId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("partnerId",
                    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
