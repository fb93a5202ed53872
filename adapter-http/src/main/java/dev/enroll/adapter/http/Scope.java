package dev.enroll.adapter.http;

import java.util.Optional;

/** What an access token allows: everything for the partner's users, or reading one user. */
enum Scope {
    ADMIN("admin"), USER("user");

    private static final Scope[] ALL = values();

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<Scope> fromWireName(String name) {
        // A loop over a constant array: this runs for every token checked.
        for (Scope scope : ALL) {
            if (scope.wireName.equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
