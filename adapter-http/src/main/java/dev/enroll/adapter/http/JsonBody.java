package dev.enroll.adapter.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

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
    private static final String RECEIVED = "enroll.body";
    private static final long SLOW_BODY_GRACE_MILLIS = 1000;

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
        RequestMediaType.requireUtf8(ctx.req().getContentType(), mediaType);
        return parse(bytes(ctx), "body");
    }

    /** {@code bytes} as one JSON value, strictly; a problem is reported as {@code name}'s. */
    static JsonNode parse(byte[] bytes, String name) {
        if (startsAsUtf16Or32(bytes)) {
            // Jackson would detect the encoding and read it; JSON between systems is UTF-8 (RFC 8259).
            throw new MalformedRequestException(name, "is not UTF-8");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(utf8(bytes, name));
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

    /**
     * {@code bytes} decoded strictly: Jackson's decoder takes overlong forms ({@code C0 A2} for a
     * quote, which a filter looking for the quote byte never sees), encoded surrogates and code
     * points past U+10FFFF, none of which is UTF-8 (RFC 3629). The JDK's decoder refuses them.
     */
    private static String utf8(byte[] bytes, String name) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            // A leading byte order mark, which RFC 8259 lets a parser ignore (Jackson's byte reader did).
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException(name, "is not UTF-8");
        }
    }

    /**
     * A byte order mark of UTF-16 or UTF-32, or a zero byte among the first four, which UTF-8 JSON
     * (and CSV, CsvRows) never has: the one test of a body written in another Unicode encoding.
     */
    static boolean startsAsUtf16Or32(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return true;
        }
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Before reading: a request declared too large is refused without looking at its bytes. */
    private static void requireDeclaredSizeWithinLimit(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_BYTES) {
            throw new PayloadTooLargeException(MAX_BYTES);
        }
    }

    /**
     * The body's bytes, at most {@link #MAX_BYTES}; read once per request and kept, so that a step
     * before the route (the idempotency check fingerprints the body) and the route read the same.
     */
    static byte[] bytes(Context ctx) {
        return readAtMostLimit(ctx);
    }

    private static byte[] readAtMostLimit(Context ctx) {
        requireDeclaredSizeWithinLimit(ctx);
        byte[] bytes = ctx.attribute(RECEIVED);
        if (bytes == null) {
            bytes = receive(ctx, 0);
            ctx.attribute(RECEIVED, bytes);
        }
        if (bytes.length > MAX_BYTES) {
            throw new PayloadTooLargeException(MAX_BYTES);
        }
        return bytes;
    }

    /**
     * Receives the body's bytes (at most one more than the limit) before the request takes a
     * request slot, so a client that sends its body slowly holds a connection and a thread, but
     * never one of the slots that do the work ({@link Admission}). A body declared too large is
     * left unread; {@link #read} refuses it in its turn. A body arriving slower than
     * {@code minBytesPerSecond}, after a first second of grace, is 408; one that stops arriving
     * altogether is ended by Jetty's idle timeout. (Jetty's own minimum data rate counts from the
     * first byte to the moment the handler reads, so it refuses small bodies read a few
     * milliseconds late.)
     */
    static void receiveBeforeWork(Context ctx, int minBytesPerSecond) {
        if (ctx.req().getContentLengthLong() <= MAX_BYTES) {
            ctx.attribute(RECEIVED, receive(ctx, minBytesPerSecond));
        }
    }

    private static byte[] receive(Context ctx, int minBytesPerSecond) {
        long start = System.nanoTime();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = ctx.req().getInputStream();
            int read;
            while (received.size() <= MAX_BYTES
                    && (read = in.read(buffer, 0, Math.min(buffer.length, MAX_BYTES + 1 - received.size()))) >= 0) {
                received.write(buffer, 0, read);
                if (minBytesPerSecond > 0 && tooSlow(start, received.size(), minBytesPerSecond)) {
                    throw new HttpResponseException(408, "request body too slow");
                }
            }
            return received.toByteArray();
        } catch (IOException e) {
            if (IdleTimeout.ended(e)) {
                // The connection's idle timeout ended a body that stopped arriving: as late as a slow one.
                throw new HttpResponseException(408, "request body stopped arriving");
            }
            throw new MalformedRequestException("body", "could not be read");
        }
    }

    private static boolean tooSlow(long startNanos, long bytes, int minBytesPerSecond) {
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        return elapsedMillis > SLOW_BODY_GRACE_MILLIS + bytes * 1000 / minBytesPerSecond;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
