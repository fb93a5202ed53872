package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/** Read one user of {@code contributor}; {@code userId} is raw text from the path. */
public record GetUserQuery(ContributorId contributor, String userId) {
    public GetUserQuery {
        Objects.requireNonNull(contributor, "contributor");
    }
}
