package dev.enroll.application.port.out;

import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import java.util.Objects;

/** Another user of the same contributor, {@code holder}, already holds {@code key}. */
public record IdentityTaken(User holder, IdentityKey key) implements InsertOutcome, UpdateOutcome {
    public IdentityTaken {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(key, "key");
    }
}
