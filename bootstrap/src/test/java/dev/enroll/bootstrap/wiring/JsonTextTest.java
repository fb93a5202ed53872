package dev.enroll.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quotes_and_escapes_what_json_requires() {
        assertThat(JsonText.quote("plain")).isEqualTo("\"plain\"");
        assertThat(JsonText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(JsonText.quote("line\nbreak\ttab\u0001")).isEqualTo("\"line\\nbreak\\ttab\\u0001\"");
    }

    @Test
    void credentials_are_one_json_object_with_the_three_fields() {
        assertThat(JsonText.credentials("acme", "ck_abc", "s3cr3t"))
                .isEqualTo("{\"partnerId\":\"acme\",\"clientId\":\"ck_abc\",\"clientSecret\":\"s3cr3t\"}");
    }
}
