package dev.enroll.domain.address;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Text;
import java.util.regex.Pattern;

/** A US ZIP code: five digits, or ZIP+4. */
public record ZipCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{5}(-\\d{4})?");

    public ZipCode {
        value = Text.trimmed(value);
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("address.zip", "must be 12345 or 12345-6789");
        }
    }
}
