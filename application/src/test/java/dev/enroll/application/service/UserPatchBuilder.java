package dev.enroll.application.service;

import dev.enroll.application.port.in.AddressPatch;
import dev.enroll.application.port.in.Patch;
import dev.enroll.application.port.in.UserPatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link UserPatch} naming only the fields a test changes; every other field is kept. */
final class UserPatchBuilder {

    private Patch<String> firstName = Patch.keep();
    private Patch<String> lastName = Patch.keep();
    private Patch<String> email = Patch.keep();
    private Patch<String> phone = Patch.keep();
    private Patch<Boolean> emailVerified = Patch.keep();
    private Patch<Boolean> phoneVerified = Patch.keep();
    private final List<Patch<String>> customFields = new ArrayList<>(Collections.nCopies(5, Patch.keep()));
    private Patch<AddressPatch> address = Patch.keep();

    private UserPatchBuilder() {
    }

    static UserPatchBuilder patch() {
        return new UserPatchBuilder();
    }

    /** {@code null} clears the field, as a JSON {@code null} would. */
    private static <T> Patch<T> setOrClear(T value) {
        return value == null ? Patch.clear() : Patch.set(value);
    }

    UserPatchBuilder firstName(String value) {
        firstName = setOrClear(value);
        return this;
    }

    UserPatchBuilder lastName(String value) {
        lastName = setOrClear(value);
        return this;
    }

    UserPatchBuilder email(String value) {
        email = setOrClear(value);
        return this;
    }

    UserPatchBuilder phone(String value) {
        phone = setOrClear(value);
        return this;
    }

    UserPatchBuilder emailVerified(Boolean value) {
        emailVerified = setOrClear(value);
        return this;
    }

    UserPatchBuilder phoneVerified(Boolean value) {
        phoneVerified = setOrClear(value);
        return this;
    }

    /** Custom field {@code number}, 1 to 5. */
    UserPatchBuilder customField(int number, String value) {
        customFields.set(number - 1, setOrClear(value));
        return this;
    }

    UserPatchBuilder address(AddressPatch value) {
        address = setOrClear(value);
        return this;
    }

    UserPatch build() {
        return new UserPatch(firstName, lastName, email, phone, emailVerified, phoneVerified, customFields.get(0),
                customFields.get(1), customFields.get(2), customFields.get(3), customFields.get(4), address);
    }

    /** An {@link AddressPatch} naming only the fields a test changes. */
    static final class AddressPatchBuilder {
        private Patch<String> addressLine1 = Patch.keep();
        private Patch<String> addressLine2 = Patch.keep();
        private Patch<String> city = Patch.keep();
        private Patch<String> state = Patch.keep();
        private Patch<String> country = Patch.keep();
        private Patch<String> zip = Patch.keep();

        static AddressPatchBuilder addressPatch() {
            return new AddressPatchBuilder();
        }

        AddressPatchBuilder addressLine1(String value) {
            addressLine1 = setOrClear(value);
            return this;
        }

        AddressPatchBuilder addressLine2(String value) {
            addressLine2 = setOrClear(value);
            return this;
        }

        AddressPatchBuilder city(String value) {
            city = setOrClear(value);
            return this;
        }

        AddressPatchBuilder state(String value) {
            state = setOrClear(value);
            return this;
        }

        AddressPatchBuilder country(String value) {
            country = setOrClear(value);
            return this;
        }

        AddressPatchBuilder zip(String value) {
            zip = setOrClear(value);
            return this;
        }

        AddressPatch build() {
            return new AddressPatch(addressLine1, addressLine2, city, state, country, zip);
        }
    }
}
