package dev.enroll.application.port.out;

import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.ContributorId;
import java.util.List;
import java.util.Optional;

/** Where partners and the hashes of their secrets live. May throw {@link StoreUnavailableException}. */
public interface PartnerRepository {

    /** Stores a new partner; false when its id (or client id) is taken already. */
    boolean insert(Partner partner);

    Optional<Partner> findById(ContributorId id);

    Optional<Partner> findByClientId(ClientId clientId);

    /** Every partner, ordered by id. */
    List<Partner> findAll();

    /** Replaces the stored partner with the same id; false when there is none. */
    boolean update(Partner partner);
}
