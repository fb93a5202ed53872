package dev.enroll.domain.user;

import static dev.enroll.domain.Refusals.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.com", "ann.smith+tag@mail.example.co.uk", "a@b.io", "o'neil@x-y.org"})
    void acceptsUsualAddresses(String email) {
        assertThat(new EmailAddress(email).value()).isEqualTo(email);
    }

    @Test
    void trimsSurroundingSpaceOfEveryKind() {
        assertThat(new EmailAddress("  ann@example.com ").value()).isEqualTo("ann@example.com");
        assertThat(new EmailAddress("ann@example.com\u00a0").value()).isEqualTo("ann@example.com");
    }

    @Test
    void refusesADecomposedAddressWhichWouldLookLikeAComposedOne() {
        assertThat(new EmailAddress("j\u00f6rg@example.de").value()).isEqualTo("j\u00f6rg@example.de");
        assertThat(violationsOf(() -> new EmailAddress("jo\u0308rg@example.de")))
                .extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("email: must be in Unicode normalization form C (NFC)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "an n@example.com",
        "ann@exa mple.com", "ann@-example.com", "ann@example-.com", "ann@example..com", "ann@.example.com"})
    void refusesWhatIsNotAnAddress(String email) {
        assertThat(violationsOf(() -> new EmailAddress(email)))
                .extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("email: must be an email address such as name@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann\u200b@example.com", "ann\u00a0@example.com", "ann\u202f@example.com",
        "\u202eann@example.com", "a\u00adnn@example.com", "ann\u0085@example.com", "ann\u2028@example.com",
        "\ufeffann@example.com", "ann\u3000@example.com"})
    void refusesInvisibleCharactersThatWouldMakeALookalikeOfAnotherAddress(String email) {
        assertThat(violationsOf(() -> new EmailAddress(email)))
                .extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("email: must contain printable characters only");
    }

    @Test
    void acceptsAnInternationalisedLocalPart() {
        assertThat(new EmailAddress("j\u00f6rg.m\u00fcller@example.de").value()).isEqualTo("j\u00f6rg.m\u00fcller@example.de");
        assertThat(new EmailAddress("\u7528\u6237@example.com").value()).isEqualTo("\u7528\u6237@example.com");
    }

    @Test
    void refusesAMissingAddress() {
        assertThat(violationsOf(() -> new EmailAddress(" "))).extracting(v -> v.field() + ": " + v.reason())
                .containsExactly("email: is required");
    }

    @Test
    void acceptsUpTo254Characters() {
        assertThat(new EmailAddress(addressOfLength(254)).value()).hasSize(254);
        assertThat(violationsOf(() -> new EmailAddress(addressOfLength(255))))
                .extracting(v -> v.field()).containsExactly("email");
    }

    /** A well-formed address of exactly {@code length} (at least 249) characters. */
    private static String addressOfLength(int length) {
        String prefix = "a".repeat(64) + "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + ".";
        return prefix + "g".repeat(length - prefix.length());
    }

    @Test
    void equalityAndHashIgnoreCase() {
        EmailAddress mixed = new EmailAddress("Ann.Smith@Example.COM");
        EmailAddress lower = new EmailAddress("ann.smith@example.com");

        assertThat(mixed).isEqualTo(lower).hasSameHashCodeAs(lower);
        assertThat(mixed.normalized()).isEqualTo("ann.smith@example.com");
        assertThat(mixed).isNotEqualTo(new EmailAddress("ann.smyth@example.com"));
    }

    @Test
    void keepsTheSpellingThePartnerSent() {
        assertThat(new EmailAddress("Ann.Smith@Example.COM").value()).isEqualTo("Ann.Smith@Example.COM");
    }

    @Test
    void doesNotPrintTheAddress() {
        assertThat(new EmailAddress("ann@example.com").toString()).doesNotContain("ann", "example");
    }
}
