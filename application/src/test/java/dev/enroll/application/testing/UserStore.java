package dev.enroll.application.testing;

import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.time.Instant;

/**
 * A store under test: its users, and the partners whose users they are. The user store takes
 * only users of enabled partners, so suites make their contributors partners first.
 */
public record UserStore(UserRepository users, PartnerRepository partners) {

    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

    /** A new, enabled partner no other test uses, as the contributor of the users a test writes. */
    public ContributorId newPartner() {
        ContributorId id = TestIds.contributor();
        if (!partners.insert(new Partner(id, null, new ClientId("ck_" + id.value()), new SecretHash(new byte[SecretHash.LENGTH]),
                true, CREATED))) {
            throw new IllegalStateException("a fresh partner id was taken");
        }
        return id;
    }

    /** Disables {@code partner}, as {@code partner disable} does. */
    public void disable(ContributorId partner) {
        Partner stored = partners.findById(partner).orElseThrow();
        partners.update(stored.disabled());
    }
}
