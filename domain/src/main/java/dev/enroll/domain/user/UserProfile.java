package dev.enroll.domain.user;

import dev.enroll.domain.address.Address;
import java.util.Objects;

/**
 * What a partner tells us about its user and may change later. A verified flag vouches for a
 * value, so there is no verified email without an email: the flag is then false, whatever was given.
 */
public record UserProfile(PersonName name, EmailAddress email, PhoneNumber phone, CustomFields customFields,
                          Address address, boolean emailVerified, boolean phoneVerified) {

    public UserProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(address, "address");
        customFields = customFields == null ? CustomFields.NONE : customFields;
        emailVerified = emailVerified && email != null;
    }
}
