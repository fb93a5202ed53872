package dev.enroll.domain.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What is left of an erased user: which one it was, whose, and when it went. No personal data,
 * so it may be kept for as long as partners sync their copies.
 */
public record UserTombstone(UserId id, ContributorId contributor, Instant deleted) {

    public UserTombstone {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contributor, "contributor");
        deleted = Objects.requireNonNull(deleted, "deleted").truncatedTo(ChronoUnit.MILLIS);
    }
}
