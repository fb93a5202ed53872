package dev.enroll.adapter.http;

import static java.util.Map.entry;

import io.javalin.http.Context;
import java.util.Map;

/**
 * How the API spells the fields the domain names in its violations. The domain names a field by
 * its path in the model ({@code name.first}, {@code policy.endDate}); a request body spells it its
 * own way, which depends on the route: the policy is nested as {@code policyInfo} in a create and
 * is the whole body of an update-policy. A name missing here is spelled the same on the wire
 * ({@code email}, {@code address.state}). Renaming a JSON field touches this table, and nothing
 * outside this adapter.
 */
final class WireFields {

    private static final Map<String, String> USER_BODY = Map.ofEntries(
            entry("name.first", "firstName"),
            entry("name.last", "lastName"),
            entry("customFields.field1", "customField1"),
            entry("customFields.field2", "customField2"),
            entry("customFields.field3", "customField3"),
            entry("customFields.field4", "customField4"),
            entry("customFields.field5", "customField5"),
            entry("policy", "policyInfo"),
            entry("policy.number", "policyInfo.policyNumber"),
            entry("policy.startDate", "policyInfo.startDate"),
            entry("policy.endDate", "policyInfo.endDate"));

    private static final Map<String, String> POLICY_BODY = Map.of(
            "policy", "body",
            "policy.number", "policyNumber",
            "policy.startDate", "startDate",
            "policy.endDate", "endDate");

    private WireFields() {
    }

    /** The JSON path of {@code domainField} in the body of the route {@code ctx} matched. */
    static String of(Context ctx, String domainField) {
        Map<String, String> names = UserRoutes.USER_POLICY.equals(route(ctx)) ? POLICY_BODY : USER_BODY;
        return names.getOrDefault(domainField, domainField);
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpointHandlerPath();
        } catch (IllegalStateException e) {
            return "";
        }
    }
}
