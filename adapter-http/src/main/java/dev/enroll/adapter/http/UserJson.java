package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A user as the API shows it. Every field of the schema is always there, {@code null} when
 * empty, in the order of the reference schema; {@code policyInfo} too, {@code null} for a user
 * without a policy, so one schema describes the user on every endpoint.
 */
final class UserJson {

    /** UTC with exactly three fraction digits, e.g. 2024-01-01T00:00:00.000Z. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private UserJson() {
    }

    static ObjectNode from(User user) {
        UserProfile profile = user.profile();
        CustomFields fields = profile.customFields();
        ObjectNode json = JsonResponse.object();
        json.put("id", user.id().toString());
        json.put("externalUserId", profile.externalUserId() == null ? null : profile.externalUserId().value());
        json.put("firstName", profile.name().first());
        json.put("lastName", profile.name().last());
        json.put("email", profile.email() == null ? null : profile.email().value());
        json.put("phone", profile.phone().value());
        json.put("adminNote", user.adminNote());
        json.put("customField1", fields.field1());
        json.put("customField2", fields.field2());
        json.put("customField3", fields.field3());
        json.put("customField4", fields.field4());
        json.put("customField5", fields.field5());
        json.set("address", address(profile.address()));
        json.set("policyInfo", user.policy() == null ? json.nullNode() : policy(user.policy()));
        json.put("tosAnswer", user.tosAnswer().wireName());
        json.put("partnerCode", user.partnerCode().value());
        json.put("dateRegistered", timestamp(user.dateRegistered()));
        json.put("updated", timestamp(user.updated()));
        json.put("emailVerified", profile.emailVerified());
        json.put("phoneVerified", profile.phoneVerified());
        json.put("fraud", user.fraud());
        return json;
    }

    private static ObjectNode address(Address address) {
        ObjectNode json = JsonResponse.object();
        json.put("addressLine1", address.addressLine1());
        json.put("addressLine2", address.addressLine2());
        json.put("city", address.city());
        json.put("state", address.state().name());
        json.put("country", address.country());
        json.put("zip", address.zip() == null ? null : address.zip().value());
        return json;
    }

    private static ObjectNode policy(Policy policy) {
        ObjectNode json = JsonResponse.object();
        json.put("policyNumber", policy.number().value());
        json.put("startDate", timestamp(policy.startDate()));
        json.put("endDate", timestamp(policy.endDate()));
        return json;
    }

    private static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }
}
