package dev.enroll.application.port.out;

import dev.enroll.domain.user.ContributorId;

/** Per-contributor switches; the reference's {@code policy.dates-optional.partner-ids}. */
@FunctionalInterface
public interface ContributorSettings {

    /** Whether this contributor may create or update policies without start and end dates. */
    boolean mayOmitPolicyDates(ContributorId contributor);
}
