package dev.enroll.adapter.http;

import dev.enroll.application.port.in.AuthenticatePartnerUseCase;
import dev.enroll.application.port.in.PartnerCredentials;
import dev.enroll.application.port.in.UnauthorizedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Enumeration;

/**
 * The one place that decides who is calling and whether it may use the route: a step that runs
 * before every matched route, so no handler authenticates and no new route can forget to. The
 * partner's standing (exists, enabled, credentials not rotated since the token) is decided by
 * {@link AuthenticatePartnerUseCase}; this step reads the credentials, asks it, checks the route's
 * {@link Access}, and leaves the {@link Caller} on the request for the handler.
 *
 * <p>A bearer token names partner, scope and credential version. The deprecated scheme,
 * credentials in the {@code partnerId}, {@code clientId} and {@code clientSecret} headers of each
 * request, acts like an admin token while it is switched on, and every answer to it says
 * {@code Deprecation: true}.
 */
final class Authentication {

    static final String LEGACY_PARTNER_ID = "partnerId";
    static final String LEGACY_CLIENT_ID = "clientId";
    static final String LEGACY_CLIENT_SECRET = "clientSecret";
    private static final String CALLER_ATTRIBUTE = "enroll.caller";
    private static final String BEARER = "bearer ";
    private static final String AUTHORIZATION = "Authorization";

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

    void register(Javalin app) {
        app.beforeMatched(this::admit);
    }

    /**
     * Says {@code Deprecation: true} on the answer to a request in the deprecated scheme. Called
     * by the server's first step, so that every such answer says it: those refused before any
     * route (an undecodable query, no request slot) and those of no route (404, 405) too.
     */
    void markDeprecatedScheme(Context ctx) {
        if (usesLegacyHeaders(ctx)) {
            ctx.header("Deprecation", "true");
        }
    }

    /** The caller {@link #admit} let in; only routes other than {@link Access#PUBLIC} have one. */
    static Caller callerOf(Context ctx) {
        Caller caller = ctx.attribute(CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("a public route asked for its caller");
        }
        return caller;
    }

    /** The caller if one was let in, else null: the access log names the partner when there is one. */
    static Caller knownCaller(Context ctx) {
        return ctx.attribute(CALLER_ATTRIBUTE);
    }

    /** 401 unless the credentials are good, then 403 unless the route admits the caller. */
    private void admit(Context ctx) {
        Access access = Access.of(ctx.routeRoles());
        if (access == Access.PUBLIC) {
            return;
        }
        Caller caller = identify(ctx);
        ctx.attribute(CALLER_ATTRIBUTE, caller);
        if (!access.permits(caller, ctx)) {
            throw new NoPermissionException();
        }
    }

    private Caller identify(Context ctx) {
        String authorization = once(ctx, AUTHORIZATION);
        if (authorization != null) {
            return bearer(authorization);
        }
        if (usesLegacyHeaders(ctx)) {
            return legacy(ctx);
        }
        throw new UnauthorizedException();
    }

    private Caller bearer(String authorization) {
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException();
        }
        TokenService.Claims claims = tokens.verify(authorization.substring(BEARER.length()).strip());
        partners.requireCurrent(claims.caller().partner(), claims.credentialVersion());
        return claims.caller();
    }

    private Caller legacy(Context ctx) {
        PartnerCredentials credentials = new PartnerCredentials(once(ctx, LEGACY_PARTNER_ID),
                once(ctx, LEGACY_CLIENT_ID), once(ctx, LEGACY_CLIENT_SECRET));
        return Caller.admin(throttle.guard(credentials.clientId(), ctx,
                () -> partners.authenticate(credentials)).id());
    }

    /** The header's value, or null; 400 naming it when it is given more than once. */
    private static String once(Context ctx, String header) {
        Enumeration<String> values = ctx.req().getHeaders(header);
        if (!values.hasMoreElements()) {
            return null;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            // Which one is the caller? A gateway in front may have checked the other.
            throw new MalformedRequestException(header, "must be given once");
        }
        return value;
    }

    /** Whether the request is judged by the deprecated headers: they are on, sent, and no token is. */
    private boolean usesLegacyHeaders(Context ctx) {
        return legacyHeaderAuth && ctx.header(AUTHORIZATION) == null && (ctx.header(LEGACY_PARTNER_ID) != null
                || ctx.header(LEGACY_CLIENT_ID) != null || ctx.header(LEGACY_CLIENT_SECRET) != null);
    }
}
