package dev.enroll.adapter.http;

import dev.enroll.application.port.out.StoreHealth;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;

/**
 * The HTTP API of Enroll, on Javalin: the user endpoints, the token endpoint, the health probes
 * and the contract (OpenAPI document and docs page), with one error mapping, one access log and
 * one set of request metrics for all of them. Bootstrap builds it from the
 * use cases and settings, calls {@link #start(int)} and, on SIGTERM, {@link #stop()}.
 */
public final class HttpApi {

    private final Javalin app;
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    private final HealthRoutes health;
    private final StopSignal stop = new StopSignal();
    private final HttpLimits limits;
    private final Duration shutdownGrace;

    /** An API that records no metrics. */
    public HttpApi(HttpUseCases useCases, HttpSettings settings) {
        // A composite registry with nothing under it: every meter is a no-op.
        this(useCases, settings, new CompositeMeterRegistry());
    }

    /** An API that records its requests, creates and token requests in {@code meters}. */
    public HttpApi(HttpUseCases useCases, HttpSettings settings, MeterRegistry meters) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(meters, "meters");
        ApiMetrics metrics = new ApiMetrics(meters);
        TokenService tokens = new TokenService(settings.signingKey(), settings.tokenTtl(), settings.clock());
        this.limits = settings.limits();
        this.shutdownGrace = settings.shutdownGrace();
        CredentialThrottle throttle = new CredentialThrottle(limits.credentialFailures(), settings.clock(),
                new ClientAddresses(limits.trustedProxies()));
        Authentication authentication = new Authentication(tokens, useCases.authenticatePartner(),
                settings.legacyHeaderAuth(), throttle);
        PartnerRateLimits rateLimits = new PartnerRateLimits(limits.partnerRequestsPerSecond(), limits.partnerBurst(),
                settings.clock());
        Admission admission = new Admission(settings.requestThreads(), limits.maxWaitingRequests(), limits.maxWait(),
                limits.minRequestDataRate());
        this.health = new HealthRoutes(useCases.storeHealth(), stop);
        this.app = HeadRoutes.create(config -> {
            config.showJavalinBanner = false;
            config.events(events -> events.handlerAdded(handler -> {
                // HEAD is GET less the body (HeadRoutes), not a route of its own to document.
                if (handler.getHttpMethod().isHttpMethod() && handler.getHttpMethod() != HandlerType.HEAD) {
                    routes.add(handler.getHttpMethod().name() + " " + handler.getPath());
                }
            }));
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = JsonBody.MAX_BYTES;
            config.http.defaultContentType = JsonResponse.CONTENT_TYPE;
            config.jetty.threadPool = RequestThreads.pool(settings.requestThreads(), limits.maxWaitingRequests());
            // Jetty's per-connection header cache reused a header seen earlier on the connection when
            // a new one matched it ignoring case: a bearer token differing from the one before only in
            // a letter's case was read as the one before. So no such cache; that also saves walking
            // its trie for every header. Values matched from
            // Jetty's fixed table of common headers are compared exactly.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setHeaderCacheCaseSensitive(true);
                http.setHeaderCacheSize(0);
                // A blocking read of a body that stopped arriving ends after this long.
                http.setIdleTimeout(limits.idleTimeout().toMillis());
            });
            config.http.customCompression(JsonResponse.compression());
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            config.requestLogger.http((ctx, durationMillis) -> {
                AccessLog.record(ctx, durationMillis);
                metrics.request(ctx, durationMillis);
                RequestId.release();
            });
        });
        app.before(ctx -> {
            RequestId.assign(ctx);
            JsonResponse.markPrivate(ctx);
            authentication.markDeprecatedScheme(ctx);
            QueryString.requireDecodable(ctx);
            EntityTags.setAsideOnWrites(ctx);
        });
        app.before(API, admission::enter);
        app.after(API, admission::leave);
        app.exception(HttpResponseException.class, ErrorMapping::respond);
        app.exception(Exception.class, ErrorMapping::respond);
        // The first of the steps for matched requests: every later one's refusals name their route.
        AccessLog.register(app);
        authentication.register(app);
        // Each partner's rate, once its credentials are known: the step right after authentication's.
        app.beforeMatched(rateLimits::admitCaller);
        // Idempotency keys are the caller's: its step comes after authentication's and the rate limit's.
        new IdempotencyStep(useCases.idempotentRequests()).register(app);
        new UserRoutes(useCases, metrics).register(app);
        new UserBookRoutes(useCases).register(app);
        new ImportRoutes(useCases.importUsers(), admission.streamPlaces(), stop).register(app);
        new TokenRoutes(tokens, useCases.authenticatePartner(), useCases.getUser(), metrics, throttle).register(app);
        health.register(app);
        new DocsRoutes(ApiDocument.load()).register(app);
        ExactPaths.guard(app, routes);
    }

    private static final String API = "/api/*";

    /** Starts serving on all interfaces; {@code port} 0 picks a free port. Answers the port bound. */
    public int start(int port) {
        CannotListenException.starting("port " + port, () -> app.start(port));
        // Graceful stop: stop accepting, then let requests in flight finish, up to the grace period.
        // Set once started: Javalin (6.7) stops a server whose start failed, and a graceful stop of
        // one that never ran made it report Jetty's "STOPPED" instead of the bind failure.
        app.jettyServer().server().setStopTimeout(shutdownGrace.toMillis());
        // A connection that sends nothing for this long, in its headers or between requests, is closed.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector bounded) {
                bounded.setIdleTimeout(limits.idleTimeout().toMillis());
            }
        }
        return app.port();
    }

    /**
     * What this API's {@code /health/ready} answers, for another port to answer the same (the
     * management server's): ready while the store answers, and no longer from the moment
     * {@link #stop()} begins, while requests in flight finish.
     */
    public StoreHealth readiness() {
        return health::isReady;
    }

    /**
     * Stops accepting requests, lets those in flight finish (up to the settings' grace period),
     * then closes. Safe to call more than once.
     */
    public void stop() {
        stop.begin();
        app.stop();
    }

    /** Every route served, as {@code METHOD /path/{param}}: the tests hold the OpenAPI document to them. */
    Set<String> routes() {
        return Set.copyOf(routes);
    }
}
