package dev.enroll.adapter.http;

import dev.enroll.application.port.out.StoreHealth;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * The operators' port: {@code GET /metrics} in Prometheus' text format, and the health probes.
 * It is a server of its own, on a port of its own, meant to be bound to the loopback interface or
 * a private network, so that metrics are never served beside the API. Nothing here needs
 * credentials, which is why it must not be reachable from where the API is.
 */
public final class ManagementServer {

    static final String METRICS = "/metrics";
    /** Prometheus' text exposition format. */
    static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** A scrape or a probe at a time is the load; a few threads are plenty. */
    private static final int THREADS = 2;

    private final Javalin app;

    public ManagementServer(PrometheusMeterRegistry registry, StoreHealth health) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(health, "health");
        this.app = HeadRoutes.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.defaultContentType = JsonResponse.CONTENT_TYPE;
            config.jetty.threadPool = RequestThreads.pool(THREADS, 0);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
        });
        app.before(JsonResponse::markPrivate);
        app.exception(HttpResponseException.class, ErrorMapping::respond);
        app.exception(Exception.class, ErrorMapping::respond);
        app.get(METRICS, ctx -> ctx.contentType(METRICS_CONTENT_TYPE).result(registry.scrape()));
        // Its readiness is the API's (HttpApi.readiness()), which a stop of the API turns off.
        new HealthRoutes(health, new StopSignal()).register(app);
    }

    /** Starts serving on {@code host}; {@code port} 0 picks a free port. Answers the port bound. */
    public int start(String host, int port) {
        CannotListenException.starting(host + ":" + port, () -> app.start(host, port));
        return app.port();
    }

    /** Stops at once: a scrape cut short is simply retried. Safe to call more than once. */
    public void stop() {
        app.stop();
    }
}
