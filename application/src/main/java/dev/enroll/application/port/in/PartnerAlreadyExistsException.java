package dev.enroll.application.port.in;

/** A partner with that id exists already. */
public final class PartnerAlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PartnerAlreadyExistsException(String partnerId) {
        super("A partner with id " + partnerId + " already exists", null, false, false);
    }
}
