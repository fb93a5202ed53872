package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/**
 * One page of a contributor's users, as the caller asked for it: every parameter raw text,
 * {@code null} when not given. The use case checks them and names the bad ones.
 */
public record ListUsersQuery(ContributorId contributor, String limit, String cursor, String email, String phone,
                             String externalUserId, String policyNumber, String updatedSince,
                             String includeDeleted) {
    public ListUsersQuery {
        Objects.requireNonNull(contributor, "contributor");
    }
}
