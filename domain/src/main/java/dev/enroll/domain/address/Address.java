package dev.enroll.domain.address;

import static dev.enroll.domain.Invariants.check;
import static dev.enroll.domain.Text.optional;
import static dev.enroll.domain.Text.tooLong;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A US postal address. Only the state is required; the country is always {@code US}.
 * Blank optional lines are stored as absent, so "nothing given" has one spelling.
 */
public record Address(String addressLine1, String addressLine2, String city, UsState state,
                      String country, ZipCode zip) {

    public static final String COUNTRY = "US";
    public static final int MAX_LINE_LENGTH = 255;
    public static final int MAX_CITY_LENGTH = 100;

    public Address {
        addressLine1 = optional(addressLine1);
        addressLine2 = optional(addressLine2);
        city = optional(city);
        country = optional(country);
        country = country == null ? COUNTRY : country.toUpperCase(Locale.ROOT);
        Objects.requireNonNull(state, "state");
        check(tooLong("address.addressLine1", addressLine1, MAX_LINE_LENGTH),
                tooLong("address.addressLine2", addressLine2, MAX_LINE_LENGTH),
                tooLong("address.city", city, MAX_CITY_LENGTH),
                COUNTRY.equals(country) ? null : Violation.invalid("address.country", "must be US"));
    }

    /**
     * Builds an address from raw text, reporting every bad part at once (the state code,
     * the ZIP code, the country and the lengths) rather than the first one found.
     */
    public static Address of(String addressLine1, String addressLine2, String city, String state,
                             String country, String zip) {
        List<Violation> violations = new ArrayList<>();
        UsState parsedState = attempt(() -> UsState.parse(state), violations);
        String zipText = optional(zip);
        ZipCode parsedZip = zipText == null ? null : attempt(() -> new ZipCode(zipText), violations);
        if (violations.isEmpty()) {
            return new Address(addressLine1, addressLine2, city, parsedState, country, parsedZip);
        }
        // Still report the other fields' problems alongside the state or ZIP ones.
        attempt(() -> new Address(addressLine1, addressLine2, city, UsState.CA, country, null), violations);
        throw new InvalidValueException(violations);
    }

    private static <T> T attempt(Supplier<T> factory, List<Violation> violations) {
        try {
            return factory.get();
        } catch (InvalidValueException e) {
            violations.addAll(e.violations());
            return null;
        }
    }

    @Override
    public String toString() {
        return "Address[state=" + state + ", redacted]";
    }
}
