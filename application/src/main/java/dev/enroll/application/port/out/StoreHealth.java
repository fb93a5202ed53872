package dev.enroll.application.port.out;

/** Whether the store can serve requests right now; what a readiness probe asks. */
@FunctionalInterface
public interface StoreHealth {

    /** True when a trivial round trip to the store succeeds within a short time. */
    boolean isReady();
}
