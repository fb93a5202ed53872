package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Import request bodies, and the NDJSON answers to them, as tests write and read them. */
final class ImportBodies {

    static final String PATH = "/api/users/import";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ImportBodies() {
    }

    /** One line per row. */
    static String ndjson(Object... rows) {
        StringBuilder body = new StringBuilder();
        for (Object row : rows) {
            body.append(row).append('\n');
        }
        return body.toString();
    }

    static HttpRequest request(TestApi api, String query, String contentType, String body, String token) {
        return request(api, query, contentType, body.getBytes(StandardCharsets.UTF_8), token);
    }

    /** The same with a body of raw bytes (another encoding, bytes that are not UTF-8). */
    static HttpRequest request(TestApi api, String query, String contentType, byte[] body, String token) {
        return api.request(PATH + query).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Imports NDJSON {@code body} and answers the lines of the answer; fails unless the status is 200. */
    static List<JsonNode> importNdjson(TestApi api, String query, String body, String token) {
        return lines(api.send(request(api, query, "application/x-ndjson", body, token)));
    }

    static List<JsonNode> importCsv(TestApi api, String query, String body, String token) {
        return lines(api.send(request(api, query, "text/csv", body, token)));
    }

    static List<JsonNode> lines(Reply reply) {
        if (reply.status() != 200) {
            throw new AssertionError("import answered " + reply);
        }
        if (!reply.header("Content-Type").orElse("").startsWith("application/x-ndjson")) {
            throw new AssertionError("import answered as " + reply.header("Content-Type"));
        }
        return parse(reply.body());
    }

    static List<JsonNode> parse(String text) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            try {
                lines.add(MAPPER.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return lines;
    }

    /** The row lines, without the summary. */
    static List<JsonNode> rows(List<JsonNode> lines) {
        return lines.subList(0, lines.size() - 1);
    }

    static JsonNode summary(List<JsonNode> lines) {
        return lines.get(lines.size() - 1).path("summary");
    }

    /** The fields named in a rejected row's errors. */
    static List<String> errorFields(JsonNode row) {
        List<String> fields = new ArrayList<>();
        row.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
