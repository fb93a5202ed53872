package dev.enroll.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.util.Objects;

/**
 * The HTTP API of Enroll, on Javalin: the user endpoints, the token endpoint and the health
 * probes, with one error mapping and one access log for all of them. Bootstrap builds it from the
 * use cases and settings, calls {@link #start(int)} and, on SIGTERM, {@link #stop()}.
 */
public final class HttpApi {

    private final Javalin app;

    public HttpApi(HttpUseCases useCases, HttpSettings settings) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        TokenService tokens = new TokenService(settings.signingKey(), settings.tokenTtl(), settings.clock());
        Authentication authentication = new Authentication(tokens, useCases.authenticatePartner(),
                settings.legacyHeaderAuth());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = JsonBody.MAX_BYTES;
            config.http.defaultContentType = JsonResponse.CONTENT_TYPE;
            config.jetty.threadPool = RequestThreads.pool(settings.requestThreads());
            // Jetty's per-connection header cache reused a header seen earlier on the connection when
            // a new one matched it ignoring case: a bearer token differing from the one before only in
            // a letter's case was read as the one before. So no such cache; that also saves walking
            // its trie for every header (4% of the server's CPU per create). Values matched from
            // Jetty's fixed table of common headers are compared exactly.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setHeaderCacheCaseSensitive(true);
                http.setHeaderCacheSize(0);
            });
            config.http.customCompression(JsonResponse.compression());
            config.jetty.modifyServer(server -> {
                // Graceful stop: stop accepting, then let requests in flight finish, up to the grace period.
                server.setStopTimeout(settings.shutdownGrace().toMillis());
                server.setErrorHandler(new JsonErrorHandler());
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            config.requestLogger.http(AccessLog::record);
        });
        app.before(ctx -> {
            RequestId.assign(ctx);
            // Answers carry personal data or tokens: no cache on the way may keep them.
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Content-Type-Options", "nosniff");
        });
        app.exception(HttpResponseException.class, ErrorMapping::respond);
        app.exception(Exception.class, ErrorMapping::respond);
        new UserRoutes(authentication, useCases).register(app);
        new ImportRoutes(authentication, useCases.importUsers()).register(app);
        new TokenRoutes(tokens, useCases.authenticatePartner(), useCases.getUser()).register(app);
        new HealthRoutes(useCases.storeHealth()).register(app);
    }

    /** Starts serving on all interfaces; {@code port} 0 picks a free port. Answers the port bound. */
    public int start(int port) {
        app.start(port);
        return app.port();
    }

    /**
     * Stops accepting requests, lets those in flight finish (up to the settings' grace period),
     * then closes. Safe to call more than once.
     */
    public void stop() {
        app.stop();
    }

    /** Whether a stop has begun; lets tests see a graceful stop under way. */
    boolean stopping() {
        return app.jettyServer().server().isStopping();
    }
}
