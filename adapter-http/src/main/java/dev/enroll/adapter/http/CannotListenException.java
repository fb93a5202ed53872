package dev.enroll.adapter.http;

/**
 * A server that could not start listening: the port is taken, or the address is not this
 * machine's. Whatever Javalin threw is the cause (it may throw checked exceptions it does not
 * declare, which would slip past a caller's cleanup).
 */
public final class CannotListenException extends RuntimeException {

    CannotListenException(String address, Throwable cause) {
        super("cannot listen on " + address + ": " + rootMessage(cause), cause);
    }

    /** Runs a server's {@code start}; anything it throws becomes this exception, naming {@code address}. */
    static void starting(String address, Runnable start) {
        try {
            start.run();
        } catch (Exception e) {
            throw new CannotListenException(address, e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
