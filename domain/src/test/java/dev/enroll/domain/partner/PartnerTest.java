package dev.enroll.domain.partner;

import static dev.enroll.domain.Refusals.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.domain.user.ContributorId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartnerTest {

    private static final ContributorId ACME = new ContributorId("acme");
    private static final ClientId CLIENT = new ClientId("ck_0123456789");
    private static final SecretHash HASH = new SecretHash(new byte[SecretHash.LENGTH]);
    private static final Instant CREATED = Instant.parse("2024-05-01T12:00:00.123Z");

    @Test
    void aMissingOrBlankNameIsTheId() {
        assertThat(new Partner(ACME, null, CLIENT, HASH, true, CREATED).name()).isEqualTo("acme");
        assertThat(new Partner(ACME, "  ", CLIENT, HASH, true, CREATED).name()).isEqualTo("acme");
        assertThat(new Partner(ACME, " Acme Insurance ", CLIENT, HASH, true, CREATED).name())
                .isEqualTo("Acme Insurance");
    }

    @Test
    void aNameHoldsUpTo200Characters() {
        assertThat(new Partner(ACME, "n".repeat(200), CLIENT, HASH, true, CREATED).name()).hasSize(200);
        assertThat(fieldsOf(() -> new Partner(ACME, "n".repeat(201), CLIENT, HASH, true, CREATED)))
                .containsExactly("name");
    }

    @Test
    void createdKeepsMillisecondsLikeEveryOtherTimestamp() {
        Partner partner = new Partner(ACME, null, CLIENT, HASH, true, Instant.parse("2024-05-01T12:00:00.123456789Z"));

        assertThat(partner.created()).isEqualTo(CREATED);
    }

    @Test
    void aNewSecretBumpsTheCredentialVersionAndEnablingKeepsIt() {
        Partner partner = new Partner(ACME, "Acme", CLIENT, HASH, true, CREATED);
        SecretHash other = new SecretHash(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
            19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

        assertThat(partner.withNewSecret(other)).isEqualTo(new Partner(ACME, "Acme", CLIENT, other, true, CREATED, 2));
        assertThat(partner.withEnabled(false)).isEqualTo(new Partner(ACME, "Acme", CLIENT, HASH, false, CREATED, 1));
        assertThat(partner.withEnabled(false).withEnabled(true)).isEqualTo(partner);
    }

    @Test
    void anIssuedClientIdCarries128RandomBitsAndOnlyItsShapeIsAnIssuedOnes() {
        ClientId issued = ClientId.issue(new java.util.Random(7));

        assertThat(issued.value()).startsWith("ck_").hasSize(25).isNotEqualTo(ClientId.issue(new java.util.Random(8)).value());
        assertThat(ClientId.hasIssuedShape(issued.value())).isTrue();
        assertThat(ClientId.hasIssuedShape("abcdefgh")).isFalse();
        assertThat(ClientId.hasIssuedShape(issued.value() + "x")).isFalse();
        assertThat(ClientId.hasIssuedShape("VBLIFGKR6ERUxalOsY7XxIbxIbxabcdefghijklmnop")).as("a secret").isFalse();
        assertThat(ClientId.hasIssuedShape(null)).isFalse();
    }

    @Test
    void aClientIdIs8To128UrlSafeCharacters() {
        assertThat(new ClientId("abcdefgh").value()).isEqualTo("abcdefgh");
        assertThat(new ClientId("A_-9".repeat(32)).value()).hasSize(128);
        assertThat(fieldsOf(() -> new ClientId("abcdefg"))).containsExactly("clientId");
        assertThat(fieldsOf(() -> new ClientId("a".repeat(129)))).containsExactly("clientId");
        assertThat(fieldsOf(() -> new ClientId("abcd efgh"))).containsExactly("clientId");
        assertThat(fieldsOf(() -> new ClientId(null))).containsExactly("clientId");
    }
}
