package dev.enroll.bootstrap.wiring;

import dev.enroll.application.port.out.StoreHealth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The stores, opened on a thread of their own: opening PostgreSQL's is mostly waiting for the
 * server (connections, the migration check, the partner listener), time in which the start
 * goes on with the management server. Until they are open, they are not ready.
 */
final class StoresOpening {

    private final CompletableFuture<Stores> stores = new CompletableFuture<>();

    private StoresOpening() {
    }

    static StoresOpening start(Supplier<Stores> open) {
        StoresOpening opening = new StoresOpening();
        Thread thread = new Thread(() -> {
            try {
                opening.stores.complete(open.get());
            } catch (Throwable e) {
                opening.stores.completeExceptionally(e);
            }
        }, "enroll-stores-opening");
        thread.setDaemon(true); // A start that failed elsewhere must not wait for it to exit.
        thread.start();
        return opening;
    }

    /** Not ready while opening, nor when opening failed; then the stores' own health. */
    StoreHealth health() {
        return () -> stores.isDone() && !stores.isCompletedExceptionally() && stores.join().health().isReady();
    }

    /** Waits for the stores; throws what opening them threw. */
    Stores await() {
        try {
            return stores.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Closes the stores once they are open; when opening failed, there is nothing to close. */
    void close() {
        Stores open;
        try {
            open = await();
        } catch (RuntimeException openingFailed) {
            return; // Whoever awaited the stores has reported it.
        }
        open.close();
    }
}
