package dev.enroll.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import java.util.List;

/** Writes JSON answers. Every answer of the API, errors included, goes out through here. */
final class JsonResponse {

    /** Spelt as Jetty writes it on the wire, which is what Javalin's compression check compares. */
    static final String CONTENT_TYPE = "application/json;charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SENT_ATTRIBUTE = "enroll.sent";

    private JsonResponse() {
    }

    /**
     * Javalin's default, gzip for answers from 1,500 bytes when the client accepts it, told that
     * our one content type may be compressed: Javalin asks on every answer, and going through the
     * default's long list of excluded types each time showed up in profiles of creates.
     */
    static CompressionStrategy compression() {
        CompressionStrategy strategy = new CompressionStrategy(null, new Gzip());
        strategy.setAllowedMimeTypes(List.of(CONTENT_TYPE));
        return strategy;
    }

    /**
     * The headers every answer of both servers carries: answers hold personal data, tokens or
     * operational detail, so no cache on the way may keep them, and no browser may guess them to
     * be anything but what their content type says.
     */
    static void markPrivate(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static void send(Context ctx, int status, JsonNode body) {
        byte[] bytes = bytes(body);
        ctx.attribute(SENT_ATTRIBUTE, bytes);
        ctx.status(status).contentType(CONTENT_TYPE).result(bytes);
    }

    /** The body {@link #send} answered this request with; empty when it answered none (204, 304). */
    static byte[] sent(Context ctx) {
        byte[] sent = ctx.attribute(SENT_ATTRIBUTE);
        return sent == null ? new byte[0] : sent;
    }

    static byte[] bytes(JsonNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
