package dev.enroll.benchmark;

/**
 * One request of a scenario, as one client sends it. It returns normally when the answer is the
 * expected one and throws otherwise ({@link UnexpectedAnswer}, an I/O failure, a timeout); the
 * loops count the throw as an error and keep going until their time is up.
 */
@FunctionalInterface
interface Operation {

    void perform() throws Exception;
}
