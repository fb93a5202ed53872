package dev.enroll.application.port.in;

import java.util.Objects;
import java.util.Set;

/**
 * The versions of a user a write may apply to (HTTP's {@code If-Match}): any version, or one of
 * those listed. A write checks it against the user it read and then writes only if that version
 * is still the stored one, so the check and the write are one atomic step.
 */
public record VersionCondition(Set<Long> versions, boolean anyVersion) {

    /** No condition: every version will do. */
    public static final VersionCondition NONE = new VersionCondition(Set.of(), true);

    public VersionCondition {
        versions = Set.copyOf(Objects.requireNonNull(versions, "versions"));
    }

    /** Only the versions listed; an empty list allows none. */
    public static VersionCondition oneOf(Set<Long> versions) {
        return new VersionCondition(versions, false);
    }

    public boolean allows(long version) {
        return anyVersion || versions.contains(version);
    }

    /** @throws PreconditionFailedException when {@code version} is not allowed */
    public void require(long version) {
        if (!allows(version)) {
            throw new PreconditionFailedException();
        }
    }
}
