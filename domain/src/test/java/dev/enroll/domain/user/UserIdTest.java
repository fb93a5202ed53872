package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UserIdTest {

    private static final String V7 = "0190f1f2-3a4b-7c5d-8e6f-0123456789ab";

    @Test
    void acceptsAVersion7Uuid() {
        UUID uuid = UUID.fromString(V7);

        assertThat(new UserId(uuid).value()).isEqualTo(uuid);
    }

    @Test
    void refusesOtherVersions() {
        assertThat(fieldsOf(() -> new UserId(UUID.randomUUID()))).containsExactly("id");
        assertThat(fieldsOf(() -> new UserId(UUID.fromString("0190f1f2-3a4b-1c5d-8e6f-0123456789ab"))))
                .containsExactly("id");
    }

    @Test
    void refusesAVersion7BitPatternOfAnotherVariant() {
        // Same version nibble, but the variant bits say "Microsoft GUID", not RFC 9562.
        assertThat(fieldsOf(() -> new UserId(UUID.fromString("0190f1f2-3a4b-7c5d-ce6f-0123456789ab"))))
                .containsExactly("id");
    }

    @Test
    void parsesTheCanonicalFormAndPrintsItBack() {
        assertThat(UserId.parse(V7).toString()).isEqualTo(V7);
    }

    @Test
    void parsesUpperCaseHexAsTheSameId() {
        assertThat(UserId.parse(V7.toUpperCase())).isEqualTo(UserId.parse(V7));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "0190f1f23a4b7c5d8e6f0123456789ab",          // no dashes
        "{0190f1f2-3a4b-7c5d-8e6f-0123456789ab}",    // braces
        "190f1f2-03a4b-7c5d-8e6f-0123456789ab",      // dashes moved: UUID.fromString would take it
        "+190f1f2-3a4b-7c5d-8e6f-0123456789ab",      // a sign: UUID.fromString would take it
        "0190f1f2-3a4b-7c5d-8e6f-+123456789ab",
        " 0190f1f2-3a4b-7c5d-8e6f-0123456789ab",
        "0190f1f2-3a4b-7c5d-8e6f-0123456789ag",
        "urn:uuid:0190f1f2-3a4b-7c5d-8e6f-0123456789ab",
        "1"
    })
    void refusesEveryOtherSpellingSoAnIdHasNoAliases(String text) {
        assertThat(fieldsOf(() -> UserId.parse(text))).containsExactly("id");
    }

    @Test
    void refusesAWellFormedVersion4Id() {
        assertThat(fieldsOf(() -> UserId.parse(UUID.randomUUID().toString()))).containsExactly("id");
    }

    @Test
    void needsAValue() {
        assertThatThrownBy(() -> new UserId(null)).isInstanceOf(NullPointerException.class);
    }
}
