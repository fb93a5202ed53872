package dev.enroll.application.port.out;

import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import java.util.List;
import java.util.Objects;

/** A user an import would create, and the identity keys its create claims, in the order they are checked. */
public record ImportCandidate(User user, List<IdentityKey> keys) {
    public ImportCandidate {
        Objects.requireNonNull(user, "user");
        keys = List.copyOf(keys);
    }
}
