package dev.enroll.domain.user;

import dev.enroll.domain.policy.Policy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A partner's user: the aggregate. Immutable; every change yields a new {@code User} whose
 * {@code updated} has moved forward and whose {@code version} is one higher, which the stores
 * use for optimistic concurrency. Timestamps keep millisecond precision, that of the wire format.
 */
public record User(UserId id, ContributorId contributor, UserProfile profile, Policy policy, String adminNote,
                   TosAnswer tosAnswer, PartnerCode partnerCode, Instant dateRegistered, Instant updated,
                   boolean fraud, long version) {

    public static final long FIRST_VERSION = 1;

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contributor, "contributor");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(tosAnswer, "tosAnswer");
        Objects.requireNonNull(partnerCode, "partnerCode");
        dateRegistered = Objects.requireNonNull(dateRegistered, "dateRegistered").truncatedTo(ChronoUnit.MILLIS);
        updated = Objects.requireNonNull(updated, "updated").truncatedTo(ChronoUnit.MILLIS);
        if (updated.isBefore(dateRegistered)) {
            throw new IllegalArgumentException("updated must not be before dateRegistered");
        }
        if (version < FIRST_VERSION) {
            throw new IllegalArgumentException("version must be at least " + FIRST_VERSION);
        }
    }

    /** A user as it is first registered: terms not yet answered, not flagged, version 1. */
    public static User register(UserId id, ContributorId contributor, UserProfile profile, Policy policy,
                                PartnerCode partnerCode, Instant now) {
        return new User(id, contributor, profile, policy, null, TosAnswer.NONE, partnerCode, now, now, false,
                FIRST_VERSION);
    }

    public User withProfile(UserProfile newProfile, Instant now) {
        return new User(id, contributor, newProfile, policy, adminNote, tosAnswer, partnerCode, dateRegistered,
                advance(now), fraud, version + 1);
    }

    public User withPolicy(Policy newPolicy, Instant now) {
        return new User(id, contributor, profile, newPolicy, adminNote, tosAnswer, partnerCode, dateRegistered,
                advance(now), fraud, version + 1);
    }

    /** A user registered under {@code code} instead, for when the first code drawn was taken. */
    public User withPartnerCode(PartnerCode code) {
        return new User(id, contributor, profile, policy, adminNote, tosAnswer, code, dateRegistered, updated,
                fraud, version);
    }

    /** {@code updated} always moves forward, even when the clock has not (same millisecond, or stepped back). */
    private Instant advance(Instant now) {
        Instant candidate = now.truncatedTo(ChronoUnit.MILLIS);
        return candidate.isAfter(updated) ? candidate : updated.plusMillis(1);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", contributor=" + contributor + ", version=" + version + "]";
    }
}
