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
import java.util.Locale;

/**
 * Reads a request body as JSON, strictly: declared as JSON, at most {@link #MAX_BYTES}, exactly one
 * JSON value with nothing after it, no key twice. The limit holds for the bytes actually read too,
 * so a body without a Content-Length (chunked) cannot get past it either.
 */
final class JsonBody {

    static final int MAX_BYTES = 64 * 1024;
    static final String JSON = "application/json";
    /** RFC 7396: a JSON merge patch. */
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String BYTES_ATTRIBUTE = "enroll.body";

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBody() {
    }

    /** The body as a JSON tree; any JSON value, whether it is the right shape is the caller's to check. */
    static JsonNode read(Context ctx) {
        return read(ctx, JSON);
    }

    /** The body, which must be declared as {@code mediaType} (a JSON type), as a JSON tree. */
    static JsonNode read(Context ctx, String mediaType) {
        requireMediaType(ctx.req().getContentType(), mediaType);
        byte[] bytes = bytes(ctx);
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the input; say only where it went wrong.
            throw new MalformedRequestException("body", "is not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new MalformedRequestException("body", "could not be read");
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedRequestException("body", "is required");
        }
        return tree;
    }

    /** Before reading: a request declared too large is refused without looking at its bytes. */
    private static void requireDeclaredSizeWithinLimit(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw new PayloadTooLargeException(MAX_BYTES);
        }
    }

    private static void requireMediaType(String contentType, String mediaType) {
        if (contentType == null) {
            throw new UnsupportedMediaTypeException(mediaType);
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(mediaType)) {
            throw new UnsupportedMediaTypeException(mediaType);
        }
        // JSON is UTF-8 (RFC 8259); a body declared in another charset would be misread.
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && (parameter.length < 2
                    || !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                throw new UnsupportedMediaTypeException(mediaType);
            }
        }
    }

    /**
     * The body's bytes, at most {@link #MAX_BYTES}; read once per request and kept, so that a step
     * before the route (the idempotency check fingerprints the body) and the route read the same.
     */
    static byte[] bytes(Context ctx) {
        byte[] kept = ctx.attribute(BYTES_ATTRIBUTE);
        if (kept == null) {
            kept = readAtMostLimit(ctx);
            ctx.attribute(BYTES_ATTRIBUTE, kept);
        }
        return kept;
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
