package dev.enroll.application.port.in;

import java.util.Objects;

/**
 * A partial update of a user's details as the caller sent it, unchecked. Absent fields stay,
 * {@code null} clears an optional field (and is invalid for a required one), and the address
 * merges field by field.
 */
public record UserPatch(Patch<String> firstName, Patch<String> lastName, Patch<String> email, Patch<String> phone,
                        Patch<Boolean> emailVerified, Patch<Boolean> phoneVerified, Patch<String> customField1,
                        Patch<String> customField2, Patch<String> customField3, Patch<String> customField4,
                        Patch<String> customField5, Patch<AddressPatch> address, Patch<String> externalUserId) {

    public static final UserPatch NONE = new UserPatch(Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(),
            Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(),
            Patch.keep());

    /** A patch that keeps the partner's own key. */
    public UserPatch(Patch<String> firstName, Patch<String> lastName, Patch<String> email, Patch<String> phone,
                     Patch<Boolean> emailVerified, Patch<Boolean> phoneVerified, Patch<String> customField1,
                     Patch<String> customField2, Patch<String> customField3, Patch<String> customField4,
                     Patch<String> customField5, Patch<AddressPatch> address) {
        this(firstName, lastName, email, phone, emailVerified, phoneVerified, customField1, customField2,
                customField3, customField4, customField5, address, Patch.keep());
    }

    public UserPatch {
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(emailVerified, "emailVerified");
        Objects.requireNonNull(phoneVerified, "phoneVerified");
        Objects.requireNonNull(customField1, "customField1");
        Objects.requireNonNull(customField2, "customField2");
        Objects.requireNonNull(customField3, "customField3");
        Objects.requireNonNull(customField4, "customField4");
        Objects.requireNonNull(customField5, "customField5");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(externalUserId, "externalUserId");
    }
}
