package dev.enroll.application.port.out;

import dev.enroll.domain.user.User;
import java.util.Objects;

/** What became of an insert. */
public sealed interface InsertOutcome permits InsertOutcome.Inserted, IdentityTaken, InsertOutcome.PartnerCodeTaken {

    record Inserted(User user) implements InsertOutcome {
        public Inserted {
            Objects.requireNonNull(user, "user");
        }
    }

    /** Another user of the contributor already has this partner code; draw another and retry. */
    record PartnerCodeTaken() implements InsertOutcome {
    }
}
