package dev.enroll.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The contract is served, without credentials, as JSON and as the YAML it is written in. */
class ApiDocumentTest {

    @Test
    void the_document_is_served_as_json_and_yaml_without_credentials() throws Exception {
        try (TestApi api = TestApi.start()) {
            Reply json = api.get("/openapi.json", null);
            Reply yaml = api.get("/openapi.yaml", null);

            assertThat(json.status()).isEqualTo(200);
            assertThat(json.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json.json().path("openapi").asText()).isEqualTo("3.1.0");
            assertThat(yaml.status()).isEqualTo(200);
            assertThat(yaml.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
            JsonNode fromYaml = new YAMLMapper().readTree(yaml.body());
            assertThat(fromYaml).isEqualTo(json.json());
        }
    }

    @Test
    void the_document_has_exactly_the_operations_the_server_serves() {
        try (TestApi api = TestApi.start()) {
            JsonNode paths = api.get("/openapi.json", null).json().path("paths");
            List<String> documented = new ArrayList<>();
            paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));

            assertThat(documented).containsExactlyInAnyOrderElementsOf(api.api.routes());
        }
    }
}
