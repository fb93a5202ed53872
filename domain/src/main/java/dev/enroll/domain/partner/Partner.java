package dev.enroll.domain.partner;

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
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("a partner name is at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    public Partner withSecretHash(SecretHash newHash) {
        return new Partner(id, name, clientId, newHash, enabled, created);
    }

    public Partner disabled() {
        return new Partner(id, name, clientId, secretHash, false, created);
    }
}
