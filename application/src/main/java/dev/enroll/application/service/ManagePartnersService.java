package dev.enroll.application.service;

import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.IssuedCredentials;
import dev.enroll.application.port.in.ManagePartnersUseCase;
import dev.enroll.application.port.in.PartnerAlreadyExistsException;
import dev.enroll.application.port.in.PartnerNotFoundException;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.ContributorId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/**
 * Issues and manages partner credentials. Client ids carry 128 random bits, secrets 256; only
 * the secret's hash is kept, so a secret is shown once, in the result of create or rotate. Each
 * change is one update of what it changes, never a rewrite of the partner read before, so commands
 * run at the same time cannot undo each other.
 */
public final class ManagePartnersService implements ManagePartnersUseCase {

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final PartnerRepository partners;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ManagePartnersService(PartnerRepository partners, Clock clock) {
        this.partners = partners;
        this.clock = clock;
    }

    @Override
    public IssuedCredentials create(String partnerId, String name) {
        ContributorId id = partnerId(partnerId);
        String secret = randomText(32);
        Partner partner;
        try {
            partner = new Partner(id, name, ClientId.issue(random), SecretHasher.hash(secret),
                    true, clock.instant());
        } catch (InvalidValueException e) {
            throw new InvalidInputException(e.violations());
        }
        if (!partners.insert(partner)) {
            throw new PartnerAlreadyExistsException(id.value());
        }
        return new IssuedCredentials(partner, secret);
    }

    @Override
    public List<Partner> list() {
        return partners.findAll();
    }

    @Override
    public IssuedCredentials rotateSecret(String partnerId) {
        ContributorId id = partnerId(partnerId);
        String secret = randomText(32);
        Partner rotated = partners.replaceSecret(id, SecretHasher.hash(secret))
                .orElseThrow(() -> new PartnerNotFoundException(partnerId));
        return new IssuedCredentials(rotated, secret);
    }

    @Override
    public Partner disable(String partnerId) {
        return setEnabled(partnerId, false);
    }

    @Override
    public Partner enable(String partnerId) {
        return setEnabled(partnerId, true);
    }

    private Partner setEnabled(String partnerId, boolean enabled) {
        return partners.setEnabled(partnerId(partnerId), enabled).orElseThrow(() -> new PartnerNotFoundException(partnerId));
    }

    private static ContributorId partnerId(String text) {
        try {
            return new ContributorId(text);
        } catch (InvalidValueException e) {
            throw new InvalidInputException(e.violations());
        }
    }

    private String randomText(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
