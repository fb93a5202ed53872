package dev.enroll.application.port.out;

import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserTombstone;
import java.util.Objects;

/**
 * The last change of one user, as the change feed lists it: the user as it is now, or its
 * tombstone. {@code sequence} orders a contributor's changes: it is unique per contributor, and
 * a store lists a number only once every lower one is settled, so a number once seen is never
 * later preceded by a new one (docs/persistence.md).
 */
public sealed interface UserChange {

    long sequence();

    record Present(User user, long sequence) implements UserChange {
        public Present {
            Objects.requireNonNull(user, "user");
        }
    }

    record Erased(UserTombstone tombstone, long sequence) implements UserChange {
        public Erased {
            Objects.requireNonNull(tombstone, "tombstone");
        }
    }
}
