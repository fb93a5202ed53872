package dev.enroll.adapter.http;

import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.UserId;
import java.util.Objects;

/**
 * Who made a request: always a partner, acting with admin scope or, for user scope, on behalf
 * of one of its users ({@code user} is set exactly then).
 */
record Caller(ContributorId partner, Scope scope, UserId user) {

    Caller {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(scope, "scope");
        if ((scope == Scope.USER) != (user != null)) {
            throw new IllegalArgumentException("a user id goes with user scope, and only with it");
        }
    }

    static Caller admin(ContributorId partner) {
        return new Caller(partner, Scope.ADMIN, null);
    }
}
