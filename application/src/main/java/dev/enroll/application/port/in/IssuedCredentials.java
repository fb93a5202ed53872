package dev.enroll.application.port.in;

import dev.enroll.domain.partner.Partner;

/** A partner together with its client secret in clear: exists only to be shown once, at issue. */
public record IssuedCredentials(Partner partner, String clientSecret) {
    @Override
    public String toString() {
        return "IssuedCredentials[partner=" + partner.id() + ", redacted]";
    }
}
