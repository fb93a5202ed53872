package dev.enroll.domain.user;

import static dev.enroll.domain.Invariants.check;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Text;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address. The spelling the partner sent is kept for display; equality, and so
 * uniqueness, ignore case, because mail systems treat {@code Ann@X.com} and {@code ann@x.com} as one.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;

    // Deliberately pragmatic: one @, a local part without spaces, a dotted domain; then Text's rules.
    private static final Pattern FORMAT = Pattern.compile(
            "[^@ ]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public EmailAddress {
        value = Text.optional(value);
        if (value == null) {
            throw new InvalidValueException("email", "is required");
        }
        if (value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("email", "must be an email address such as name@example.com");
        }
        // An identifier otherwise: an address that looks like another's must not claim a second identity.
        check(Text.identifier("email", value));
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
