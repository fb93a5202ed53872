package dev.enroll.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.domain.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalUserIdTest {

    @Test
    void isKeptExactlyAndComparedExactly() {
        ExternalUserId key = new ExternalUserId("CRM-42 é");

        assertThat(key.value()).isEqualTo("CRM-42 é");
        assertThat(key).isNotEqualTo(new ExternalUserId("crm-42 é"));
        assertThat(key.toString()).doesNotContain("CRM");
    }

    @Test
    void takesOneTo128CharactersCountedAsCodePoints() {
        assertThat(new ExternalUserId("x").value()).hasSize(1);
        assertThat(new ExternalUserId("\uD83D\uDE00".repeat(128)).value()).hasSize(256);
        assertThatThrownBy(() -> new ExternalUserId("x".repeat(129))).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("externalUserId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\t", "nul\u0000", "zero\u200Bwidth", "bidi\u202Eoverride", "line\u2028sep",
            "private\uE000", "lone\uD800"})
    void refusesEmptyAndUnprintableText(String bad) {
        assertThatThrownBy(() -> new ExternalUserId(bad)).isInstanceOf(InvalidValueException.class);
    }

    /** Kept exactly, so never trimmed: a space at either end would make a lookalike of another key. */
    @ParameterizedTest
    @ValueSource(strings = {" CRM-42", "CRM-42 ", "CRM-42\u00a0", "\u3000CRM-42", "   "})
    void refusesASpaceAtEitherEnd(String bad) {
        assertThatThrownBy(() -> new ExternalUserId(bad)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("must not start or end with a space");
    }

    @Test
    void refusesDecomposedCharacters() {
        assertThatThrownBy(() -> new ExternalUserId("CRM-e\u0301")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("normalization form C");
    }
}
