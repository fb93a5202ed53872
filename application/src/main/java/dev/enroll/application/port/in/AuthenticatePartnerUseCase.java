package dev.enroll.application.port.in;

import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.ContributorId;

/** Decides whether a caller is an enabled partner. */
public interface AuthenticatePartnerUseCase {

    /** The partner whose id, client id and secret these are; otherwise {@link UnauthorizedException}. */
    Partner authenticate(PartnerCredentials credentials);

    /** The partner with this id if it exists and is enabled; otherwise {@link UnauthorizedException}. */
    Partner requireEnabled(ContributorId partnerId);
}
