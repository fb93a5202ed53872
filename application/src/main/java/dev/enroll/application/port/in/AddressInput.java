package dev.enroll.application.port.in;

/** An address as the caller sent it, unchecked. */
public record AddressInput(String addressLine1, String addressLine2, String city, String state, String country,
                           String zip) {
}
