package dev.enroll.adapter.http;

import dev.enroll.application.port.in.PolicyInput;

/** The policy fields of a request body, read into the application's raw input; dates stay text. */
final class PolicyRequest {

    private PolicyRequest() {
    }

    /** The {@code policyInfo} object of a create-with-policy body, or {@code null} when not given. */
    static PolicyInput nested(JsonObjectReader body) {
        JsonObjectReader policy = body.object("policyInfo");
        if (policy == null) {
            return null;
        }
        PolicyInput input = flat(policy);
        policy.rejectUnknownFields();
        return input;
    }

    /** The policy fields at the top of an update-policy body. */
    static PolicyInput flat(JsonObjectReader body) {
        return new PolicyInput(body.text("policyNumber"), body.text("startDate"), body.text("endDate"));
    }
}
