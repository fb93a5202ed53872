package dev.enroll.adapter.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * Who may use a route, declared where the route is registered. {@link Authentication} reads it
 * before the handler runs; a route that declares nothing is {@link #ADMIN}, so forgetting to
 * declare one never opens a route.
 */
enum Access implements RouteRole {

    /** Anyone: no credentials are looked at. */
    PUBLIC,
    /** A partner with admin scope. */
    ADMIN,
    /** A partner with admin scope, or a user-scope token of the user the route's {@code {userId}} names. */
    ADMIN_OR_THAT_USER;

    static final String USER_ID = "userId";

    /** The access {@code roles} (a route's) declare. */
    static Access of(Set<RouteRole> roles) {
        for (RouteRole role : roles) {
            if (role instanceof Access access) {
                return access;
            }
        }
        return ADMIN;
    }

    /** Whether {@code caller} may use the route {@code ctx} matched. */
    boolean permits(Caller caller, Context ctx) {
        return switch (this) {
            case PUBLIC -> true;
            case ADMIN -> caller.scope() == Scope.ADMIN;
            case ADMIN_OR_THAT_USER -> caller.scope() == Scope.ADMIN
                    || caller.user().toString().equalsIgnoreCase(ctx.pathParam(USER_ID));
        };
    }
}
