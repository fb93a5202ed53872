package dev.enroll.application.testing;

import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.user.ContributorId;

/** A user store under test, and fresh contributors for the users a test writes. */
public record UserStore(UserRepository users) {

    /** A contributor no other test uses. The user store decides identity only: any contributor will do. */
    public ContributorId newContributor() {
        return TestIds.contributor();
    }
}
