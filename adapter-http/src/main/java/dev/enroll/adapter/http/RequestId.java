package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id that ties a request's answer to its log line. A caller's {@code X-Request-Id} is kept
 * when it is short and made of safe characters (it ends up in logs, so nothing that could forge
 * or break a log line); otherwise, or when none is sent, a fresh one is made.
 */
final class RequestId {

    static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");
    private static final String ATTRIBUTE = "enroll.requestId";
    private static final String MDC_KEY = "request_id";

    private RequestId() {
    }

    /** Settles the id of this request and echoes it in the answer. */
    static void assign(Context ctx) {
        String sent = ctx.header(HEADER);
        String id = sent != null && SAFE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        // Every line logged while the request is served carries it (a JSON log shows the MDC).
        MDC.put(MDC_KEY, id);
    }

    /** Called when the request is done: the thread serves other requests next. */
    static void release() {
        MDC.remove(MDC_KEY);
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
