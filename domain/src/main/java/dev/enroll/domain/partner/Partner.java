package dev.enroll.domain.partner;

import dev.enroll.domain.Text;
import dev.enroll.domain.Violation;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A partner allowed to call the API, with the hash of its current client secret. {@code created}
 * keeps millisecond precision, like every timestamp of the domain, so every store round-trips it.
 */
public record Partner(ContributorId id, String name, ClientId clientId, SecretHash secretHash, boolean enabled,
                      Instant created) {

    public static final int MAX_NAME_LENGTH = 200;

    public Partner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secretHash, "secretHash");
        created = Objects.requireNonNull(created, "created").truncatedTo(ChronoUnit.MILLIS);
        name = name == null || name.isBlank() ? id.value() : name.strip();
        // The rule the service checks input against (code points, no control characters), so the two never disagree.
        Violation badName = Text.tooLong("name", name, MAX_NAME_LENGTH);
        if (badName != null) {
            throw new IllegalArgumentException("a partner's " + badName.field() + " " + badName.reason());
        }
    }

    public Partner withSecretHash(SecretHash newHash) {
        return new Partner(id, name, clientId, newHash, enabled, created);
    }

    public Partner disabled() {
        return new Partner(id, name, clientId, secretHash, false, created);
    }
}
