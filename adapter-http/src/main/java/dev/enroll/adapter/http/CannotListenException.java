package dev.enroll.adapter.http;

import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;

/**
 * A server that could not start listening: the port is taken or not allowed, or the address is
 * not this machine's. The message names the address and the system's reason, nothing else.
 */
public final class CannotListenException extends RuntimeException {

    private CannotListenException(String address, Throwable reason, Throwable failure) {
        super("cannot listen on " + address + ": "
                + (reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage()), failure);
    }

    /**
     * Runs a server's {@code start}: a failure to bind becomes this exception, naming
     * {@code address}; any other failure an {@link IllegalStateException}. Either is unchecked,
     * which matters: Javalin (Kotlin) throws checked exceptions it does not declare, and those
     * slipped past its callers' cleanup.
     */
    static void starting(String address, Runnable start) {
        try {
            start.run();
        } catch (Exception e) {
            Throwable reason = bindFailure(e);
            if (reason != null) {
                throw new CannotListenException(address, reason, e);
            }
            throw new IllegalStateException("The server on " + address + " did not start", e);
        }
    }

    /** The system's refusal to bind, somewhere in the chain, or null. */
    private static Throwable bindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause instanceof UnresolvedAddressException) {
                return cause;
            }
        }
        return null;
    }
}
