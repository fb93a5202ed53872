package dev.enroll.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request on the {@code enroll.access} logger: method, route template (never the
 * raw path, nor the query or body), status, duration, request id and the calling partner. Nothing
 * else: no names, phones, emails, tokens or secrets.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("enroll.access");
    private static final String UNMATCHED = "(unmatched)";
    private static final String ROUTE = "enroll.route";

    private AccessLog() {
    }

    static void record(Context ctx, float durationMillis) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Caller caller = Authentication.knownCaller(ctx);
        String method = ctx.method().name();
        String route = route(ctx);
        int status = ctx.statusCode();
        long duration = Math.round(durationMillis);
        String requestId = RequestId.of(ctx);
        String partner = caller == null ? "-" : caller.partner().value();
        // The same facts twice: in the message for people, as key-value pairs for a JSON log (whose
        // request_id comes from the MDC, set for the whole request by RequestId).
        LoggingEventBuilder line = LOG.atInfo().addKeyValue("method", method).addKeyValue("route", route)
                .addKeyValue("status", status).addKeyValue("duration_ms", duration);
        if (caller != null) {
            line = line.addKeyValue("partner_id", partner);
        }
        line.log("method={} route={} status={} duration_ms={} request_id={} partner={}",
                method, route, status, duration, requestId, partner);
    }

    /**
     * Notes the template of the endpoint the request matched; registered as the first step that
     * runs only for matched requests, so refusals by the later ones (authentication, rate limit,
     * idempotency) still name their route.
     */
    static void register(Javalin app) {
        app.beforeMatched(ctx -> ctx.attribute(ROUTE, ctx.endpointHandlerPath()));
    }

    /**
     * The route template the request matched, or {@code (unmatched)}: never the raw path, and
     * never a filter's wildcard or Javalin's text for a 404 or 405, which is what
     * {@link Context#endpointHandlerPath} gives when no endpoint matched or a before-handler refused.
     */
    static String route(Context ctx) {
        String template = ctx.attribute(ROUTE);
        return template == null ? UNMATCHED : template;
    }
}
