package dev.enroll.domain.partner;

import dev.enroll.domain.InvalidValueException;
import java.util.regex.Pattern;

/** The public half of a partner's credentials. Not a secret, but not guessable either. */
public record ClientId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{8,128}");

    public ClientId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("clientId", "is not a valid client id");
        }
    }
}
