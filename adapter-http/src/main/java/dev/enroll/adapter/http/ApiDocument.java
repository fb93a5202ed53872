package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of this API, {@code openapi.yaml} on the class path: written by hand
 * (docs/http-api.md says why), served as written and as JSON. The YAML is read at start-up, so a
 * jar without it does not start; the JSON is converted on the first request for it, once: parsing
 * the YAML was about a tenth of a start, and few processes are ever asked for the document.
 */
final class ApiDocument {

    static final String RESOURCE = "/openapi.yaml";

    private final byte[] yaml;
    /** Null until first asked for; written once, under the lock. */
    private volatile byte[] json;

    private ApiDocument(byte[] yaml) {
        this.yaml = yaml;
    }

    static ApiDocument load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new ApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document could not be read", e);
        }
    }

    byte[] yaml() {
        return yaml.clone();
    }

    byte[] json() {
        byte[] converted = json;
        if (converted == null) {
            synchronized (this) {
                if (json == null) {
                    json = toJson(yaml);
                }
                converted = json;
            }
        }
        return converted.clone();
    }

    private static byte[] toJson(byte[] yaml) {
        try {
            return new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document could not be converted to JSON", e);
        }
    }
}
