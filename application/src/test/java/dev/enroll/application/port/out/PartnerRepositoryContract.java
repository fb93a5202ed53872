package dev.enroll.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.application.testing.Race;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PartnerRepository} must do. Partner ids and client ids are new in every
 * test, so the suite also runs on a database other tests write to; {@code findAll} is checked
 * only for the order of this test's partners among whatever else is stored.
 */
public abstract class PartnerRepositoryContract {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant CREATED = Instant.parse("2024-05-01T12:00:00.123Z");

    private PartnerRepository partners;
    /** Lower-case letters and digits only, so that every collation orders ids the same way. */
    private String prefix;

    /**
     * The store under test; called once before each test. It need not be empty, but it must be
     * usable at once and safe to call from many threads.
     */
    protected abstract PartnerRepository newRepository();

    @BeforeEach
    void setUpStore() {
        partners = newRepository();
        prefix = "p" + hex(6);
    }

    @Test
    void findsAnInsertedPartnerByIdAndByClientIdWithEveryField() {
        Partner partner = partner("a", "Acme Insurance", false);

        assertThat(partners.insert(partner)).isTrue();

        assertThat(partners.findById(partner.id())).contains(partner);
        assertThat(partners.findByClientId(partner.clientId())).contains(partner);
    }

    @Test
    void refusesASecondPartnerWithTheSameIdAndKeepsTheFirst() {
        Partner first = partner("a", "First", true);
        Partner second = partner("a", "Second", true);
        partners.insert(first);

        assertThat(partners.insert(second)).isFalse();

        assertThat(partners.findById(first.id())).contains(first);
        assertThat(partners.findByClientId(second.clientId())).isEmpty();
    }

    @Test
    void refusesASecondPartnerWithTheSameClientId() {
        Partner first = partner("a", null, true);
        Partner second = new Partner(id("b"), null, first.clientId(), secret(), true, CREATED);
        partners.insert(first);

        assertThat(partners.insert(second)).isFalse();

        assertThat(partners.findById(second.id())).isEmpty();
        assertThat(partners.findByClientId(first.clientId())).contains(first);
    }

    @Test
    void unknownIdsAndClientIdsAreNotFound() {
        assertThat(partners.findById(id("nobody"))).isEmpty();
        assertThat(partners.findByClientId(new ClientId("ck_" + hex(16)))).isEmpty();
    }

    @Test
    void listsPartnersOrderedById() {
        Partner c = partner("c", null, true);
        Partner a = partner("a", null, false);
        Partner b = partner("b", null, true);
        partners.insert(c);
        partners.insert(a);
        partners.insert(b);

        List<Partner> mine = partners.findAll().stream().filter(p -> p.id().value().startsWith(prefix)).toList();

        assertThat(mine).containsExactly(a, b, c);
    }

    @Test
    void settingEnabledChangesOnlyThat() {
        Partner partner = partner("a", "Acme", true);
        partners.insert(partner);

        assertThat(partners.setEnabled(partner.id(), false)).contains(partner.withEnabled(false));
        assertThat(partners.findById(partner.id())).contains(partner.withEnabled(false));
        assertThat(partners.setEnabled(partner.id(), true)).contains(partner);
        assertThat(partners.findByClientId(partner.clientId())).contains(partner);
    }

    @Test
    void replacingTheSecretBumpsTheCredentialVersionAndChangesNothingElse() {
        Partner partner = partner("a", "Acme", false);
        partners.insert(partner);
        SecretHash first = secret();
        SecretHash second = secret();

        assertThat(partners.replaceSecret(partner.id(), first)).contains(partner.withNewSecret(first));
        assertThat(partners.replaceSecret(partner.id(), second))
                .contains(partner.withNewSecret(first).withNewSecret(second));
        assertThat(partners.findById(partner.id())).hasValueSatisfying(stored -> {
            assertThat(stored.credentialVersion()).isEqualTo(Partner.FIRST_CREDENTIAL_VERSION + 2);
            assertThat(stored.enabled()).isFalse();
        });
    }

    @Test
    void changingAnUnknownPartnerChangesNothing() {
        Partner stranger = partner("a", null, true);

        assertThat(partners.setEnabled(stranger.id(), false)).isEmpty();
        assertThat(partners.replaceSecret(stranger.id(), secret())).isEmpty();

        assertThat(partners.findById(stranger.id())).isEmpty();
    }

    @Test
    void concurrentInsertsOfOneIdLetExactlyOneThrough() {
        int racers = 20;
        List<Partner> contenders = IntStream.range(0, racers)
                .mapToObj(i -> partner("race", "Racer " + i, true)).toList();

        List<Boolean> inserted = Race.run(racers, i -> partners.insert(contenders.get(i)));

        assertThat(inserted).filteredOn(Boolean::booleanValue).hasSize(1);
        Partner winner = contenders.get(inserted.indexOf(true));
        assertThat(partners.findById(winner.id())).contains(winner);
    }

    private Partner partner(String suffix, String name, boolean enabled) {
        return new Partner(id(suffix), name, new ClientId("ck_" + hex(16)), secret(), enabled, CREATED);
    }

    private ContributorId id(String suffix) {
        return new ContributorId(prefix + suffix);
    }

    private static SecretHash secret() {
        byte[] digest = new byte[SecretHash.LENGTH];
        RANDOM.nextBytes(digest);
        return new SecretHash(digest);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
