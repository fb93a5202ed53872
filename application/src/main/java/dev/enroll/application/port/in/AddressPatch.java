package dev.enroll.application.port.in;

import java.util.Objects;

/** A partial update of an address: merged field by field into the current one. */
public record AddressPatch(Patch<String> addressLine1, Patch<String> addressLine2, Patch<String> city,
                           Patch<String> state, Patch<String> country, Patch<String> zip) {

    public static final AddressPatch NONE = new AddressPatch(Patch.keep(), Patch.keep(), Patch.keep(),
            Patch.keep(), Patch.keep(), Patch.keep());

    public AddressPatch {
        Objects.requireNonNull(addressLine1, "addressLine1");
        Objects.requireNonNull(addressLine2, "addressLine2");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(zip, "zip");
    }
}
