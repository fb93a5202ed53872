package dev.enroll.adapter.persistence.id;

import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.domain.user.PartnerCode;
import java.security.SecureRandom;

/** Partner codes from a cryptographic random source: users read them out to prove who they are. */
public final class RandomPartnerCodeGenerator implements PartnerCodeGenerator {

    private final SecureRandom random = new SecureRandom();

    @Override
    public PartnerCode next() {
        return PartnerCode.random(random);
    }
}
