package dev.enroll.domain.user;

import dev.enroll.domain.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address. The spelling the partner sent is kept for display; equality, and so
 * uniqueness, ignore case, because mail systems treat {@code Ann@X.com} and {@code ann@x.com} as one.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;

    // Deliberately pragmatic: one @, a dotted domain; no space of any kind, and no control, format
    // (zero-width, bidi), surrogate, private-use or unassigned character, any of which would let
    // an address that looks like another's claim a second identity.
    private static final Pattern FORMAT = Pattern.compile(
            "[^@\\s\\p{Z}\\p{C}]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public EmailAddress {
        value = value == null ? null : value.strip();
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("email", "is required");
        }
        if (value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("email", "must be an email address such as name@example.com");
        }
    }

    /** The form uniqueness is decided on. */
    public String normalized() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress that && normalized().equals(that.normalized());
    }

    @Override
    public int hashCode() {
        return normalized().hashCode();
    }

    @Override
    public String toString() {
        return "EmailAddress[redacted]";
    }
}
