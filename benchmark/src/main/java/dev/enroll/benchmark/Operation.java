package dev.enroll.benchmark;

/**
 * One request of a scenario, as one client sends it. It returns normally when the answer is the
 * expected one and throws otherwise ({@link UnexpectedAnswer}, an I/O failure, a timeout); the
 * loops count the throw as an error and keep going until their time is up.
 */
@FunctionalInterface
interface Operation extends AutoCloseable {

    void perform() throws Exception;

    /** Releases what the client holds, such as its connection; the loops call it when the client stops. */
    @Override
    default void close() {
    }

    /** {@code body}, closing {@code connection} when the client stops. */
    static Operation on(ApiConnection connection, Operation body) {
        return new Operation() {
            @Override
            public void perform() throws Exception {
                body.perform();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }
}
