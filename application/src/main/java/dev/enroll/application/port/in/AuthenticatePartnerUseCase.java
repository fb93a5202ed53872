package dev.enroll.application.port.in;

import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.ContributorId;

/** Decides whether a caller is an enabled partner with current credentials. */
public interface AuthenticatePartnerUseCase {

    /** The partner whose id, client id and secret these are; otherwise {@link UnauthorizedException}. */
    Partner authenticate(PartnerCredentials credentials);

    /**
     * The partner with this id if it exists, is enabled and still has the credentials of
     * {@code credentialVersion} (no rotation since); otherwise {@link UnauthorizedException}.
     */
    Partner requireCurrent(ContributorId partnerId, long credentialVersion);
}
