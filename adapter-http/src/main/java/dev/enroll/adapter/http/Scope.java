package dev.enroll.adapter.http;

import java.util.Arrays;
import java.util.Optional;

/** What an access token allows: everything for the partner's users, or reading one user. */
enum Scope {
    ADMIN("admin"), USER("user");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
