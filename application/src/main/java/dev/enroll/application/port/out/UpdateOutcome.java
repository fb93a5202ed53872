package dev.enroll.application.port.out;

import dev.enroll.domain.user.User;
import java.util.Objects;

/** What became of an update. A lost race is an outcome of its own, never a silent overwrite. */
public sealed interface UpdateOutcome
        permits UpdateOutcome.Updated, IdentityTaken, UpdateOutcome.VersionConflict, UpdateOutcome.NotFound {

    record Updated(User user) implements UpdateOutcome {
        public Updated {
            Objects.requireNonNull(user, "user");
        }
    }

    /** The stored user has moved on from the version the update was based on. */
    record VersionConflict() implements UpdateOutcome {
    }

    /** The user is gone, or never was this contributor's. */
    record NotFound() implements UpdateOutcome {
    }
}
