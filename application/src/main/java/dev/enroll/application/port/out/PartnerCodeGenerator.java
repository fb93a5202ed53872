package dev.enroll.application.port.out;

import dev.enroll.domain.user.PartnerCode;

/** Draws partner codes; unpredictable, since users read them out to prove who they are. */
@FunctionalInterface
public interface PartnerCodeGenerator {
    PartnerCode next();
}
