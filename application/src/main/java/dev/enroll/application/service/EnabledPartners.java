package dev.enroll.application.service;

import dev.enroll.application.port.in.UnauthorizedException;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.ContributorId;

/** The partners that may call: those that exist and are enabled. Anyone else is unauthorized. */
final class EnabledPartners {

    private final PartnerRepository partners;

    EnabledPartners(PartnerRepository partners) {
        this.partners = partners;
    }

    /** The partner with this id if it exists and is enabled; otherwise {@link UnauthorizedException}. */
    Partner require(ContributorId partnerId) {
        return partners.findById(partnerId).filter(Partner::enabled).orElseThrow(UnauthorizedException::new);
    }
}
