package dev.enroll.adapter.http;

import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.AddressPatch;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.in.UserPatch;
import java.util.Set;

/**
 * The user fields of a request body, read into the application's raw input: every rule about
 * the values (required, format, length) is the application's, this only checks JSON types.
 * The verified flags may also be spelt {@code isEmailVerified} and {@code isPhoneVerified}.
 */
final class UserRequest {

    static final String EMAIL_VERIFIED = "emailVerified";
    static final String EMAIL_VERIFIED_ALIAS = "isEmailVerified";
    static final String PHONE_VERIFIED = "phoneVerified";
    static final String PHONE_VERIFIED_ALIAS = "isPhoneVerified";
    /** The fields that are booleans, every spelling: the rest are strings or objects. */
    static final Set<String> FLAGS = Set.of(EMAIL_VERIFIED, EMAIL_VERIFIED_ALIAS, PHONE_VERIFIED, PHONE_VERIFIED_ALIAS);

    private UserRequest() {
    }

    /** A new user's fields; the caller finishes {@code body}, which may hold more (policyInfo). */
    static UserInput input(JsonObjectReader body) {
        return new UserInput(body.text("firstName"), body.text("lastName"), body.text("email"), body.text("phone"),
                body.flag(EMAIL_VERIFIED, EMAIL_VERIFIED_ALIAS), body.flag(PHONE_VERIFIED, PHONE_VERIFIED_ALIAS),
                body.text("customField1"), body.text("customField2"), body.text("customField3"),
                body.text("customField4"), body.text("customField5"), address(body.object("address")),
                body.text("externalUserId"));
    }

    /** A partial update: absent fields stay, {@code null} clears, the address merges field by field. */
    static UserPatch patch(JsonObjectReader body) {
        return new UserPatch(body.textPatch("firstName"), body.textPatch("lastName"), body.textPatch("email"),
                body.textPatch("phone"), body.flagPatch(EMAIL_VERIFIED, EMAIL_VERIFIED_ALIAS),
                body.flagPatch(PHONE_VERIFIED, PHONE_VERIFIED_ALIAS), body.textPatch("customField1"),
                body.textPatch("customField2"), body.textPatch("customField3"), body.textPatch("customField4"),
                body.textPatch("customField5"), body.objectPatch("address").map(UserRequest::addressPatch),
                body.textPatch("externalUserId"));
    }

    private static AddressInput address(JsonObjectReader address) {
        if (address == null) {
            return null;
        }
        AddressInput input = new AddressInput(address.text("addressLine1"), address.text("addressLine2"),
                address.text("city"), address.text("state"), address.text("country"), address.text("zip"));
        address.rejectUnknownFields();
        return input;
    }

    private static AddressPatch addressPatch(JsonObjectReader address) {
        AddressPatch patch = new AddressPatch(address.textPatch("addressLine1"), address.textPatch("addressLine2"),
                address.textPatch("city"), address.textPatch("state"), address.textPatch("country"),
                address.textPatch("zip"));
        address.rejectUnknownFields();
        return patch;
    }
}
