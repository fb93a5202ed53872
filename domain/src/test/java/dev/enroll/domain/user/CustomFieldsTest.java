package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomFieldsTest {

    private static final String MAX = "x".repeat(255);
    private static final String TOO_LONG = "x".repeat(256);

    @Test
    void acceptsUpTo255CharactersEach() {
        CustomFields fields = new CustomFields(MAX, MAX, MAX, MAX, MAX);

        assertThat(fields.field5()).hasSize(255);
    }

    @Test
    void everyFieldIsOptional() {
        assertThat(CustomFields.NONE).isEqualTo(new CustomFields(null, null, null, null, null));
    }

    @Test
    void reportsEveryFieldThatIsTooLong() {
        assertThat(fieldsOf(() -> new CustomFields(TOO_LONG, "ok", TOO_LONG, null, TOO_LONG)))
                .containsExactly("customFields.field1", "customFields.field3", "customFields.field5");
        assertThat(fieldsOf(() -> new CustomFields(null, TOO_LONG, null, TOO_LONG, null)))
                .containsExactly("customFields.field2", "customFields.field4");
    }
}
