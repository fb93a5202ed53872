package dev.enroll.application.port.out;

import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.util.List;
import java.util.Optional;

/**
 * Where partners and the hashes of their secrets live. Each change touches only what it changes,
 * atomically, so changes made at the same time (a disable and a rotation) both take effect.
 * May throw {@link StoreUnavailableException}.
 */
public interface PartnerRepository {

    /** Stores a new partner; false when its id (or client id) is taken already. */
    boolean insert(Partner partner);

    /**
     * The partner with this id. A store serving requests may answer from a copy a few seconds
     * old at most, refreshed as soon as any instance changes the partner.
     */
    Optional<Partner> findById(ContributorId id);

    Optional<Partner> findByClientId(ClientId clientId);

    /** Every partner, ordered by id. */
    List<Partner> findAll();

    /** Sets whether the partner may call, nothing else; the partner as it now is, empty when there is none. */
    Optional<Partner> setEnabled(ContributorId id, boolean enabled);

    /**
     * Replaces the partner's secret hash and bumps its credential version, nothing else; the
     * partner as it now is, empty when there is none.
     */
    Optional<Partner> replaceSecret(ContributorId id, SecretHash secretHash);
}
