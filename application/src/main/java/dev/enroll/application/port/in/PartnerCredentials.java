package dev.enroll.application.port.in;

/** What a partner presents to authenticate, unchecked. Never logged: {@link #toString()} hides it. */
public record PartnerCredentials(String partnerId, String clientId, String clientSecret) {
    @Override
    public String toString() {
        return "PartnerCredentials[redacted]";
    }
}
