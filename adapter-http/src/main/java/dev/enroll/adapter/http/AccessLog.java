package dev.enroll.adapter.http;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code enroll.access} logger: method, route template (never the
 * raw path, nor the query or body), status, duration, request id and the calling partner. Nothing
 * else: no names, phones, emails, tokens or secrets.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("enroll.access");
    private static final String UNMATCHED = "(unmatched)";

    private AccessLog() {
    }

    static void record(Context ctx, float durationMillis) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Caller caller = Authentication.knownCaller(ctx);
        LOG.info("method={} route={} status={} duration_ms={} request_id={} partner={}",
                ctx.method().name(), route(ctx), ctx.statusCode(), Math.round(durationMillis), RequestId.of(ctx),
                caller == null ? "-" : caller.partner().value());
    }

    /** The route template the request matched, or {@code (unmatched)}: never the raw path. */
    static String route(Context ctx) {
        try {
            String template = ctx.endpointHandlerPath();
            return template == null || template.isEmpty() ? UNMATCHED : template;
        } catch (IllegalStateException e) {
            // Answered before any endpoint matched (e.g. refused in a before-handler).
            return UNMATCHED;
        }
    }
}
