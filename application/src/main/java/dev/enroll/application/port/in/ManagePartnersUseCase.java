package dev.enroll.application.port.in;

import dev.enroll.domain.partner.Partner;
import java.util.List;

/** The operator's view of partners: create, list, rotate a secret, disable, enable. */
public interface ManagePartnersUseCase {

    /** New credentials; the secret is in clear only in the result. */
    IssuedCredentials create(String partnerId, String name);

    List<Partner> list();

    /**
     * A new secret for the partner, under a new credential version: the old secret, and every
     * token issued with it, stop working on every instance within a second.
     */
    IssuedCredentials rotateSecret(String partnerId);

    /** The partner's secret and tokens stop working on every instance within a second. */
    Partner disable(String partnerId);

    /** The partner may call again, with its current secret and the unexpired tokens issued under it. */
    Partner enable(String partnerId);
}
