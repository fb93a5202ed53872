package dev.enroll.application.port.in;

import dev.enroll.domain.partner.Partner;
import java.util.List;

/** The operator's view of partners: create, list, rotate a secret, disable. */
public interface ManagePartnersUseCase {

    /** New credentials; the secret is in clear only in the result. */
    IssuedCredentials create(String partnerId, String name);

    List<Partner> list();

    /** A new secret for the partner; the old one stops working at once. */
    IssuedCredentials rotateSecret(String partnerId);

    /** The partner's tokens and secret stop working at once. */
    Partner disable(String partnerId);
}
