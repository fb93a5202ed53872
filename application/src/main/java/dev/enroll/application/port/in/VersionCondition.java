package dev.enroll.application.port.in;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The versions of a user a write may apply to: those HTTP's {@code If-Match} allows (any
 * version, or one of those listed), less those its {@code If-None-Match} names (some listed, or
 * every version for {@code *}). A write checks it against the user it read and then writes only
 * if that version is still the stored one, so the check and the write are one atomic step.
 */
public record VersionCondition(Set<Long> versions, boolean anyVersion, Set<Long> refused, boolean refuseAny) {

    /** No condition: every version will do. */
    public static final VersionCondition NONE = new VersionCondition(Set.of(), true, Set.of(), false);

    public VersionCondition {
        versions = Set.copyOf(Objects.requireNonNull(versions, "versions"));
        refused = Set.copyOf(Objects.requireNonNull(refused, "refused"));
    }

    /** Only the versions listed; an empty list allows none. */
    public static VersionCondition oneOf(Set<Long> versions) {
        return new VersionCondition(versions, false, Set.of(), false);
    }

    /** This condition, and besides none of {@code versions}; with {@code everyVersion}, no version at all. */
    public VersionCondition noneOf(Set<Long> versions, boolean everyVersion) {
        Set<Long> all = new HashSet<>(refused);
        all.addAll(versions);
        return new VersionCondition(this.versions, this.anyVersion, all, refuseAny || everyVersion);
    }

    public boolean allows(long version) {
        return (anyVersion || versions.contains(version)) && !refuseAny && !refused.contains(version);
    }

    /** @throws PreconditionFailedException when {@code version} is not allowed */
    public void require(long version) {
        if (!allows(version)) {
            throw new PreconditionFailedException();
        }
    }
}
