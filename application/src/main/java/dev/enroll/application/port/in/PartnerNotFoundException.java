package dev.enroll.application.port.in;

/** No partner with that id. */
public final class PartnerNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PartnerNotFoundException(String partnerId) {
        super("No partner with id " + partnerId, null, false, false);
    }
}
