package dev.enroll.adapter.http;

import dev.enroll.application.port.in.AuthenticatePartnerUseCase;
import dev.enroll.application.port.in.PartnerCredentials;
import dev.enroll.application.port.in.UnauthorizedException;
import dev.enroll.domain.user.ContributorId;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * Works out who is calling. A bearer token is checked, and then its partner is asked for again
 * on every request, so that disabling a partner shuts out its unexpired tokens at once. The
 * deprecated scheme, credentials in the {@code partnerId}, {@code clientId} and
 * {@code clientSecret} headers of each request, acts like an admin token while it is switched on,
 * and every answer to it says {@code Deprecation: true}.
 */
final class Authentication {

    static final String LEGACY_PARTNER_ID = "partnerId";
    static final String LEGACY_CLIENT_ID = "clientId";
    static final String LEGACY_CLIENT_SECRET = "clientSecret";
    private static final String CALLER_ATTRIBUTE = "enroll.caller";
    private static final String BEARER = "bearer ";

    private final TokenService tokens;
    private final AuthenticatePartnerUseCase partners;
    private final boolean legacyHeaderAuth;
    private final CredentialThrottle throttle;

    Authentication(TokenService tokens, AuthenticatePartnerUseCase partners, boolean legacyHeaderAuth,
                   CredentialThrottle throttle) {
        this.tokens = tokens;
        this.partners = partners;
        this.legacyHeaderAuth = legacyHeaderAuth;
        this.throttle = throttle;
    }

    /** The caller, or {@link UnauthorizedException} when the credentials are missing, bad or disabled. */
    Caller caller(Context ctx) {
        return identify(ctx, true);
    }

    /**
     * The caller of a create, whose partner the create use cases check themselves: in the same
     * round trip as their insert, and before they explain any refusal (one trip to the database
     * per create instead of two; docs/benchmark.md). A bearer token is checked here, its partner
     * is not; legacy headers are checked in full, as always. Whatever the route refuses on its
     * own before the use case runs must go through {@link #refusingOnlyEnabled}.
     */
    Caller callerOfCreate(Context ctx) {
        return identify(ctx, false);
    }

    /**
     * The partner the request's credentials name, once they are checked (a token's signature and
     * lifetime, or legacy headers in full), without asking whether the partner is still enabled:
     * enough to count its requests against its rate limit. The route still identifies the caller.
     */
    ContributorId claimedPartner(Context ctx) {
        return identify(ctx, false).partner();
    }

    /**
     * What {@code work} answers; when it refuses, the caller's partner is checked first, so that
     * a disabled partner hears 401 and nothing about its request.
     */
    <T> T refusingOnlyEnabled(Caller caller, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException refusal) {
            partners.requireEnabled(caller.partner());
            throw refusal;
        }
    }

    private Caller identify(Context ctx, boolean checkPartner) {
        String authorization = ctx.header("Authorization");
        Caller caller;
        if (authorization != null) {
            caller = bearer(authorization, checkPartner);
        } else if (legacyHeaderAuth && sentLegacyHeaders(ctx)) {
            ctx.header("Deprecation", "true");
            caller = legacy(ctx);
        } else {
            throw new UnauthorizedException();
        }
        ctx.attribute(CALLER_ATTRIBUTE, caller);
        return caller;
    }

    /** The caller found earlier in this request, if any: the access log names the partner. */
    static Caller knownCaller(Context ctx) {
        return ctx.attribute(CALLER_ATTRIBUTE);
    }

    private Caller bearer(String authorization, boolean checkPartner) {
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException();
        }
        Caller caller = tokens.verify(authorization.substring(BEARER.length()).strip());
        if (checkPartner) {
            partners.requireEnabled(caller.partner());
        }
        return caller;
    }

    private Caller legacy(Context ctx) {
        PartnerCredentials credentials = new PartnerCredentials(ctx.header(LEGACY_PARTNER_ID),
                ctx.header(LEGACY_CLIENT_ID), ctx.header(LEGACY_CLIENT_SECRET));
        return Caller.admin(throttle.guard(credentials.clientId(), ctx.ip(),
                () -> partners.authenticate(credentials)).id());
    }

    private static boolean sentLegacyHeaders(Context ctx) {
        return ctx.header(LEGACY_PARTNER_ID) != null || ctx.header(LEGACY_CLIENT_ID) != null
                || ctx.header(LEGACY_CLIENT_SECRET) != null;
    }
}
