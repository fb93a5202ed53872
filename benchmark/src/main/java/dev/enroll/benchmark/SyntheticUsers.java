package dev.enroll.benchmark;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out users no one has used before in this run, from one counter shared by every scenario
 * and the raw insert alike, so phones, emails and policy numbers never collide anywhere.
 */
final class SyntheticUsers {

    private final String runTag;
    private final AtomicLong lastSerial = new AtomicLong();

    SyntheticUsers(String runTag) {
        if (!runTag.matches("[a-z0-9]{1,16}")) {
            throw new IllegalArgumentException("run tag must be 1-16 lowercase letters or digits");
        }
        this.runTag = runTag;
    }

    /** A fresh user; fails when the ten million phone numbers are used up, which bounds a run too. */
    SyntheticUser next() {
        long serial = lastSerial.incrementAndGet();
        if (serial > SyntheticUser.MAX_SERIAL) {
            throw new IllegalStateException("out of unique phone numbers after " + SyntheticUser.MAX_SERIAL + " users");
        }
        return SyntheticUser.of(runTag, serial);
    }

    /** The user handed out earlier with {@code serial}, exactly as it was. */
    SyntheticUser again(long serial) {
        if (serial > lastSerial.get()) {
            throw new IllegalArgumentException("serial " + serial + " was never handed out");
        }
        return SyntheticUser.of(runTag, serial);
    }

    long handedOut() {
        return lastSerial.get();
    }
}
