package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enroll.application.port.in.PartnerCredentials;
import java.util.ArrayList;
import java.util.List;

/**
 * A request for an access token: the partner's credentials, the scope wanted ({@code admin} when
 * not given) and, for {@code user} scope, which of the partner's users the token is for.
 */
record TokenRequest(PartnerCredentials credentials, Scope scope, String userId) {

    static TokenRequest from(JsonNode json) {
        JsonObjectReader body = JsonObjectReader.of(json);
        String clientId = body.text("clientId");
        String clientSecret = body.text("clientSecret");
        String partnerId = body.text("partnerId");
        String scopeName = body.text("scope");
        String userId = body.text("userId");
        body.done();
        List<FieldError> errors = new ArrayList<>();
        requirePresent("clientId", clientId, errors);
        requirePresent("clientSecret", clientSecret, errors);
        requirePresent("partnerId", partnerId, errors);
        Scope scope = scopeName == null ? Scope.ADMIN : Scope.fromWireName(scopeName).orElse(null);
        if (scope == null) {
            errors.add(new FieldError("scope", "must be admin or user"));
        } else if (scope == Scope.USER && (userId == null || userId.isBlank())) {
            errors.add(new FieldError("userId", "is required for scope user"));
        } else if (scope == Scope.ADMIN && userId != null) {
            errors.add(new FieldError("userId", "is only allowed with scope user"));
        }
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
        return new TokenRequest(new PartnerCredentials(partnerId, clientId, clientSecret), scope, userId);
    }

    private static void requirePresent(String field, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        }
    }

    @Override
    public String toString() {
        return "TokenRequest[redacted, scope=" + scope + "]";
    }
}
