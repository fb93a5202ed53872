package dev.enroll.domain.partner;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Text;
import dev.enroll.domain.Violation;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A partner allowed to call the API, with the hash of its current client secret. {@code created}
 * keeps millisecond precision, like every timestamp of the domain, so every store round-trips it.
 * {@code credentialVersion} counts the partner's secrets: every access token names the version it
 * was issued under, so a new secret (a new version) revokes the tokens issued before it.
 */
public record Partner(ContributorId id, String name, ClientId clientId, SecretHash secretHash, boolean enabled,
                      Instant created, long credentialVersion) {

    public static final int MAX_NAME_LENGTH = 200;
    /** A new partner's first secret. */
    public static final long FIRST_CREDENTIAL_VERSION = 1;

    public Partner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secretHash, "secretHash");
        if (credentialVersion < FIRST_CREDENTIAL_VERSION) {
            throw new IllegalArgumentException("a credential version starts at " + FIRST_CREDENTIAL_VERSION);
        }
        created = Objects.requireNonNull(created, "created").truncatedTo(ChronoUnit.MILLIS);
        name = Objects.requireNonNullElse(Text.optional(name), id.value());
        // Counted in code points, no control characters: the one place the name's rule lives.
        Violation badName = Text.tooLong("name", name, MAX_NAME_LENGTH);
        if (badName != null) {
            throw InvalidValueException.of(badName);
        }
    }

    /** A new partner, with its first secret. */
    public Partner(ContributorId id, String name, ClientId clientId, SecretHash secretHash, boolean enabled,
                   Instant created) {
        this(id, name, clientId, secretHash, enabled, created, FIRST_CREDENTIAL_VERSION);
    }

    /** This partner with a new secret, under the next credential version. */
    public Partner withNewSecret(SecretHash newHash) {
        return new Partner(id, name, clientId, newHash, enabled, created, credentialVersion + 1);
    }

    public Partner withEnabled(boolean nowEnabled) {
        return new Partner(id, name, clientId, secretHash, nowEnabled, created, credentialVersion);
    }
}
