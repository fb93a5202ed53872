package dev.enroll.adapter.http;

import java.time.Duration;
import java.util.Objects;

/** A signed access token and how long it stays valid. Never logged: {@link #toString()} hides it. */
record AccessToken(String value, Duration expiresIn) {

    AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    @Override
    public String toString() {
        return "AccessToken[redacted, expiresIn=" + expiresIn + "]";
    }
}
