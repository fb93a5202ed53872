package dev.enroll.application.port.out;

/** The store cannot be reached or is overloaded right now; the request may be retried later. */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
