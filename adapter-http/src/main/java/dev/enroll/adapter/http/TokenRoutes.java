package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.application.port.in.AuthenticatePartnerUseCase;
import dev.enroll.application.port.in.GetUserQuery;
import dev.enroll.application.port.in.GetUserUseCase;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.UserId;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code POST /api/auth/token}: trades a partner's credentials for an access token. Shape errors
 * are 400, wrong or mismatched credentials 401, and a user-scope request for a user the partner
 * does not have 404, exactly as reading that user would be. The answer has the five fields of
 * the contract; a user-scope token's answer also names the user ({@code user_id}).
 */
final class TokenRoutes {

    static final String TOKEN = "/api/auth/token";

    private final TokenService tokens;
    private final AuthenticatePartnerUseCase partners;
    private final GetUserUseCase users;
    private final ApiMetrics metrics;
    private final CredentialThrottle throttle;

    TokenRoutes(TokenService tokens, AuthenticatePartnerUseCase partners, GetUserUseCase users, ApiMetrics metrics,
                CredentialThrottle throttle) {
        this.metrics = metrics;
        this.tokens = tokens;
        this.partners = partners;
        this.users = users;
        this.throttle = throttle;
    }

    void register(Javalin app) {
        app.post(TOKEN, this::issue, Access.PUBLIC);
    }

    /** Every token request is counted by outcome, here and only here. */
    private void issue(Context ctx) {
        try {
            answer(ctx);
        } catch (RuntimeException refusal) {
            metrics.tokenRefused(refusal);
            throw refusal;
        }
        metrics.token(ApiMetrics.TokenOutcome.ISSUED);
    }

    private void answer(Context ctx) {
        TokenRequest request = TokenRequest.from(JsonBody.read(ctx));
        Partner partner = throttle.guard(request.credentials().clientId(), ctx,
                () -> partners.authenticate(request.credentials()));
        Caller caller = request.scope() == Scope.USER
                ? new Caller(partner.id(), Scope.USER, userOf(partner, request.userId()))
                : Caller.admin(partner.id());
        AccessToken token = tokens.issue(caller, partner.credentialVersion());
        ObjectNode json = JsonResponse.object();
        json.put("access_token", token.value());
        json.put("token_type", "Bearer");
        json.put("expires_in", token.expiresIn().toSeconds());
        json.put("partner_id", caller.partner().value());
        json.put("scope", caller.scope().wireName());
        if (caller.user() != null) {
            json.put("user_id", caller.user().toString());
        }
        // RFC 6749 5.1: a token must not be kept by caches on the way.
        ctx.header("Pragma", "no-cache");
        JsonResponse.send(ctx, 200, json);
    }

    /** The partner's user with this id; not found (404) for an unknown, malformed or foreign id. */
    private UserId userOf(Partner partner, String userId) {
        return users.get(new GetUserQuery(partner.id(), userId)).id();
    }
}
