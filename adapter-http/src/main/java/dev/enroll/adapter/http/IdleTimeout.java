package dev.enroll.adapter.http;

import java.util.concurrent.TimeoutException;

/**
 * Whether a failed read of a request body was ended by the connection's idle timeout (Jetty gives
 * a {@link TimeoutException} as its cause; a second once a stop begins): the body stopped
 * arriving, and unlike a connection that broke, the client is still there to be told 408.
 */
final class IdleTimeout {

    private IdleTimeout() {
    }

    static boolean ended(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
