package dev.enroll.application.service;

import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.in.UserInput;

/** Valid raw input, as a partner would send it, for tests that vary one part of it. */
final class Inputs {

    static final AddressInput ADDRESS = new AddressInput("1 Main St", "Apt 2", "Springfield", "IL", "US", "62701");

    private Inputs() {
    }

    static UserInput user(String phone, String email) {
        return new UserInput("Ann", "Smith", email, phone, true, null, "c1", null, null, null, "c5", ADDRESS);
    }

    static UserInput user(String firstName, String email, String phone, AddressInput address) {
        return new UserInput(firstName, "Smith", email, phone, null, null, null, null, null, null, null, address);
    }

    static PolicyInput policy(String number) {
        return new PolicyInput(number, "2024-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z");
    }
}
