package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An HTTP answer as a test looks at it. */
record Reply(int status, HttpResponse<String> raw) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode json() {
        try {
            return MAPPER.readTree(raw.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + raw.body(), e);
        }
    }

    String body() {
        return raw.body();
    }

    Optional<String> header(String name) {
        return raw.headers().firstValue(name);
    }

    String errorCode() {
        return json().path("error_code").asText(null);
    }

    /** The fields named in the {@code errors} array, in order. */
    List<String> errorFields() {
        List<String> fields = new ArrayList<>();
        json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    String id() {
        return json().path("id").asText();
    }

    @Override
    public String toString() {
        return status + " " + raw.body();
    }
}
