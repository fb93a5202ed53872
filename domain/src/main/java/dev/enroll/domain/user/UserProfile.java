package dev.enroll.domain.user;

import dev.enroll.domain.address.Address;
import java.util.Objects;

/**
 * What a partner tells us about its user and may change later. A verified flag vouches for a
 * value, so there is no verified email without an email: the flag is then false, whatever was given.
 * {@code externalUserId}, the partner's own key for the user, is optional.
 */
public record UserProfile(PersonName name, EmailAddress email, PhoneNumber phone, CustomFields customFields,
                          Address address, boolean emailVerified, boolean phoneVerified,
                          ExternalUserId externalUserId) {

    /** A profile without the partner's own key. */
    public UserProfile(PersonName name, EmailAddress email, PhoneNumber phone, CustomFields customFields,
                       Address address, boolean emailVerified, boolean phoneVerified) {
        this(name, email, phone, customFields, address, emailVerified, phoneVerified, null);
    }

    /** The same profile with the partner's key {@code key} (or none, for {@code null}). */
    public UserProfile withExternalUserId(ExternalUserId key) {
        return new UserProfile(name, email, phone, customFields, address, emailVerified, phoneVerified, key);
    }

    public UserProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(address, "address");
        customFields = customFields == null ? CustomFields.NONE : customFields;
        emailVerified = emailVerified && email != null;
    }
}
