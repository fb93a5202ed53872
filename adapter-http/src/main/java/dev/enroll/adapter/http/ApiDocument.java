package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of this API, {@code openapi.yaml} on the class path: written by hand
 * (docs/http-api.md says why), served as written and as JSON. Read once; both forms are kept as
 * bytes, so serving them costs nothing.
 */
final class ApiDocument {

    static final String RESOURCE = "/openapi.yaml";

    private final byte[] yaml;
    private final byte[] json;

    private ApiDocument(byte[] yaml, byte[] json) {
        this.yaml = yaml;
        this.json = json;
    }

    static ApiDocument load() {
        try (InputStream in = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            byte[] yaml = in.readAllBytes();
            JsonNode tree = new YAMLMapper().readTree(yaml);
            return new ApiDocument(yaml, new ObjectMapper().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document could not be read", e);
        }
    }

    byte[] yaml() {
        return yaml.clone();
    }

    byte[] json() {
        return json.clone();
    }
}
