package dev.enroll.adapter.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body as JSON, strictly: declared as JSON, at most {@link #MAX_BYTES}, exactly one
 * JSON value with nothing after it, no key twice. The limit holds for the bytes actually read too,
 * so a body without a Content-Length (chunked) cannot get past it either.
 */
final class JsonBody {

    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBody() {
    }

    /** The body as a JSON tree; any JSON value, whether it is the right shape is the caller's to check. */
    static JsonNode read(Context ctx) {
        RequestMediaType.requireUtf8(ctx.req().getContentType(), "application/json");
        return parse(readAtMostLimit(ctx), "body");
    }

    /** {@code bytes} as one JSON value, strictly; a problem is reported as {@code name}'s. */
    static JsonNode parse(byte[] bytes, String name) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the input; say only where it went wrong.
            throw new MalformedRequestException(name, "is not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new MalformedRequestException(name, "could not be read");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedRequestException(name, "is required");
        }
        return tree;
    }

    /** Before reading: a request declared too large is refused without looking at its bytes. */
    private static void requireDeclaredSizeWithinLimit(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw new PayloadTooLargeException(MAX_BYTES);
        }
    }

    private static byte[] readAtMostLimit(Context ctx) {
        requireDeclaredSizeWithinLimit(ctx);
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new PayloadTooLargeException(MAX_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw new MalformedRequestException("body", "could not be read");
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
