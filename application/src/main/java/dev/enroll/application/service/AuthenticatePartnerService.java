package dev.enroll.application.service;

import dev.enroll.application.port.in.AuthenticatePartnerUseCase;
import dev.enroll.application.port.in.PartnerCredentials;
import dev.enroll.application.port.in.UnauthorizedException;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.util.Optional;

/**
 * Checks partner credentials. Every failure looks the same from outside (no hint whether the
 * client id, the secret or the partner id was wrong), and the secret is always hashed and
 * compared in constant time, found or not, so timing does not tell either. This is the one place
 * that decides whether a partner may call: the HTTP adapter asks it once per request.
 */
public final class AuthenticatePartnerService implements AuthenticatePartnerUseCase {

    private static final SecretHash NO_SECRET = new SecretHash(new byte[SecretHash.LENGTH]);

    private final PartnerRepository partners;

    public AuthenticatePartnerService(PartnerRepository partners) {
        this.partners = partners;
    }

    @Override
    public Partner authenticate(PartnerCredentials credentials) {
        if (credentials == null || credentials.clientSecret() == null) {
            throw new UnauthorizedException();
        }
        SecretHash presented = SecretHasher.hash(credentials.clientSecret());
        Optional<Partner> partner = clientId(credentials.clientId()).flatMap(partners::findByClientId);
        boolean secretMatches = presented.matches(partner.map(Partner::secretHash).orElse(NO_SECRET));
        if (partner.isEmpty() || !secretMatches || !partner.get().enabled()
                || !partner.get().id().value().equals(credentials.partnerId())) {
            throw new UnauthorizedException();
        }
        return partner.get();
    }

    @Override
    public Partner requireCurrent(ContributorId partnerId, long credentialVersion) {
        return partners.findById(partnerId)
                .filter(partner -> partner.enabled() && partner.credentialVersion() == credentialVersion)
                .orElseThrow(UnauthorizedException::new);
    }

    private static Optional<ClientId> clientId(String text) {
        try {
            return Optional.of(new ClientId(text));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
