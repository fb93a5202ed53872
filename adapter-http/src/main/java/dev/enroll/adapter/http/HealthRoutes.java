package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.application.port.out.StoreHealth;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes for the platform, without authentication. Liveness only says the process serves HTTP;
 * readiness says whether the store answers, so that traffic goes elsewhere while it does not.
 */
final class HealthRoutes {

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final StoreHealth store;
    private final StopSignal stop;

    HealthRoutes(StoreHealth store, StopSignal stop) {
        this.store = store;
        this.stop = stop;
    }

    void register(Javalin app) {
        app.get(LIVE, this::live, Access.PUBLIC);
        app.get(READY, this::ready, Access.PUBLIC);
    }

    private void live(Context ctx) {
        JsonResponse.send(ctx, 200, status("UP"));
    }

    private void ready(Context ctx) {
        boolean ready = isReady();
        JsonResponse.send(ctx, ready ? 200 : 503, status(ready ? "UP" : "DOWN"));
    }

    /** What {@code /health/ready} answers: the store answers, and no stop has begun. */
    boolean isReady() {
        if (stop.begun()) {
            return false;
        }
        try {
            return store.isReady();
        } catch (RuntimeException e) {
            // A probe that throws is a store that is not ready; say so rather than answer 500. Probes
            // come every few seconds, so no stack trace: the store's own errors tell the story.
            LOG.warn("Readiness check failed: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    private static ObjectNode status(String status) {
        return JsonResponse.object().put("status", status);
    }
}
