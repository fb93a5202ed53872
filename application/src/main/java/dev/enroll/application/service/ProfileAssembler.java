package dev.enroll.application.service;

import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.AddressPatch;
import dev.enroll.application.port.in.Patch;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.in.UserPatch;
import dev.enroll.domain.Text;
import dev.enroll.domain.Violation;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.ExternalUserId;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.UserProfile;
import java.util.Objects;

/** Turns raw user input, or a patch over a current profile, into a valid {@link UserProfile}. */
final class ProfileAssembler {

    private ProfileAssembler() {
    }

    /** A new user's profile; violations go to {@code violations} and the result is then {@code null}. */
    static UserProfile fromInput(UserInput input, Violations violations) {
        AddressInput address = input.address();
        ExternalUserId key = externalUserId(input.externalUserId(), violations);
        UserProfile profile = assemble(input.firstName(), input.lastName(), input.email(), input.phone(),
                input.emailVerified() != null && input.emailVerified(),
                input.phoneVerified() != null && input.phoneVerified(),
                input.customField1(), input.customField2(), input.customField3(), input.customField4(),
                input.customField5(), address, violations);
        return profile == null ? null : profile.withExternalUserId(key);
    }

    /** The partner's key from its raw text; {@code null} for none (or after noting why it was refused). */
    private static ExternalUserId externalUserId(String raw, Violations violations) {
        return raw == null ? null : violations.attempt(() -> new ExternalUserId(raw));
    }

    /**
     * {@code current} with {@code patch} applied. Absent fields keep their values; {@code null}
     * clears optional ones (a cleared flag is false again) and is refused for required ones.
     * A verified flag vouches for one value: when the email or the phone changes and the patch
     * says nothing about its flag, the flag becomes false. The same email in another case, or
     * the same phone, is no change.
     */
    static UserProfile patch(UserProfile current, UserPatch patch, Violations violations) {
        CustomFields fields = current.customFields();
        Boolean emailVerified = patch.emailVerified().applyTo(current.emailVerified());
        Boolean phoneVerified = patch.phoneVerified().applyTo(current.phoneVerified());
        AddressInput address = mergeAddress(current.address(), patch.address());
        ExternalUserId key = externalUserId(patch.externalUserId().applyTo(
                current.externalUserId() == null ? null : current.externalUserId().value()), violations);
        UserProfile patched = assemble(patch.firstName().applyTo(current.name().first()),
                patch.lastName().applyTo(current.name().last()),
                patch.email().applyTo(current.email() == null ? null : current.email().value()),
                patch.phone().applyTo(current.phone().value()),
                emailVerified != null && emailVerified,
                phoneVerified != null && phoneVerified,
                patch.customField1().applyTo(fields.field1()), patch.customField2().applyTo(fields.field2()),
                patch.customField3().applyTo(fields.field3()), patch.customField4().applyTo(fields.field4()),
                patch.customField5().applyTo(fields.field5()), address, violations);
        if (patched == null) {
            return null;
        }
        boolean emailStillVerified = patched.emailVerified()
                && vouchesFor(patch.emailVerified(), current.email(), patched.email());
        boolean phoneStillVerified = patched.phoneVerified()
                && vouchesFor(patch.phoneVerified(), current.phone(), patched.phone());
        return new UserProfile(patched.name(), patched.email(), patched.phone(), patched.customFields(),
                patched.address(), emailStillVerified, phoneStillVerified, key);
    }

    /**
     * Whether a verified flag still holds after a patch: the patch set the flag itself, or the
     * value it vouched for is still the same (by the value's own equality: email ignores case).
     */
    private static boolean vouchesFor(Patch<Boolean> flag, Object before, Object after) {
        return !(flag instanceof Patch.Keep) || Objects.equals(before, after);
    }

    private static AddressInput mergeAddress(Address current, Patch<AddressPatch> patch) {
        if (patch instanceof Patch.Clear) {
            return null;
        }
        AddressPatch change = patch.applyTo(AddressPatch.NONE);
        return new AddressInput(change.addressLine1().applyTo(current.addressLine1()),
                change.addressLine2().applyTo(current.addressLine2()),
                change.city().applyTo(current.city()),
                change.state().applyTo(current.state().name()),
                change.country().applyTo(current.country()),
                change.zip().applyTo(current.zip() == null ? null : current.zip().value()));
    }

    private static UserProfile assemble(String firstName, String lastName, String email, String phone,
                                        boolean emailVerified, boolean phoneVerified, String customField1,
                                        String customField2, String customField3, String customField4,
                                        String customField5, AddressInput address, Violations violations) {
        PersonName name = violations.attempt(() -> new PersonName(firstName, lastName));
        // Email is optional: a blank one means "none", as for the address lines, not "is required".
        String emailText = Text.optional(email);
        EmailAddress emailAddress = emailText == null ? null : violations.attempt(() -> new EmailAddress(emailText));
        PhoneNumber phoneNumber = violations.attempt(() -> PhoneNumberParser.parse(phone));
        CustomFields fields = violations.attempt(() -> new CustomFields(customField1, customField2, customField3,
                customField4, customField5));
        Address postal = null;
        if (address == null) {
            violations.add(Violation.invalid("address", "is required"));
        } else {
            postal = violations.attempt(() -> Address.of(address.addressLine1(), address.addressLine2(),
                    address.city(), address.state(), address.country(), address.zip()));
        }
        if (violations.any()) {
            return null;
        }
        return new UserProfile(name, emailAddress, phoneNumber, fields, postal, emailVerified, phoneVerified);
    }
}
