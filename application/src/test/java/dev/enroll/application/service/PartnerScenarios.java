package dev.enroll.application.service;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.IssuedCredentials;
import dev.enroll.application.port.in.PartnerAlreadyExistsException;
import dev.enroll.application.port.in.PartnerCredentials;
import dev.enroll.application.port.in.PartnerNotFoundException;
import dev.enroll.application.port.in.UnauthorizedException;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.testing.Race;
import dev.enroll.domain.Violation;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.user.ContributorId;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partner credentials end to end, on a real store: issue, authenticate, rotate, disable, list.
 * A store adapter subclasses this and returns itself from {@link #newPartnerRepository()}.
 *
 * <p>The clock is fixed, so {@code created} is exact. Partner ids are new in every test, so a
 * store shared with other tests does not matter; listings are checked only for this test's partners.
 */
public abstract class PartnerScenarios {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 random bytes, base64url without padding: 256 bits in 43 characters. */
    private static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int SECRET_BYTES = 32;
    private static final int RACERS = 20;
    /** What every refusal says, whatever was wrong. */
    private static final String UNAUTHORIZED = new UnauthorizedException().getMessage();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private PartnerRepository partners;
    private ManagePartnersService manage;
    private AuthenticatePartnerService authenticate;
    /** Lower-case letters and digits only, so that every collation orders ids the same way. */
    private String prefix;

    /**
     * The store under test; called once before each test. It need not be empty, but it must be
     * usable at once and safe to call from many threads.
     */
    protected abstract PartnerRepository newPartnerRepository();

    @BeforeEach
    void setUpServices() {
        partners = newPartnerRepository();
        manage = new ManagePartnersService(partners, clock);
        authenticate = new AuthenticatePartnerService(partners);
        prefix = "p" + hex(6);
    }

    // ---- create: credentials shown once, only the hash kept ---------------------------------------

    @Test
    void createIssuesAClientIdAndASecretOf256RandomBits() {
        IssuedCredentials issued = manage.create(id("acme"), "Acme Insurance");

        Partner partner = issued.partner();
        assertThat(issued.clientSecret()).matches(SECRET_SHAPE);
        assertThat(Base64.getUrlDecoder().decode(issued.clientSecret())).hasSize(SECRET_BYTES);
        assertThat(partner.id().value()).isEqualTo(id("acme"));
        assertThat(partner.name()).isEqualTo("Acme Insurance");
        assertThat(partner.enabled()).isTrue();
        assertThat(partner.created()).isEqualTo(NOW);
        assertThat(partner.clientId().value()).isNotEqualTo(partner.id().value())
                .doesNotContain(issued.clientSecret());
        assertThat(partners.findById(partner.id())).contains(partner);
        assertThat(partners.findByClientId(partner.clientId())).contains(partner);
    }

    @Test
    void everyPartnerGetsItsOwnClientIdAndSecret() {
        List<IssuedCredentials> issued = IntStream.range(0, 10)
                .mapToObj(i -> manage.create(id("p" + i), null)).toList();

        assertThat(issued).extracting(IssuedCredentials::clientSecret).doesNotHaveDuplicates();
        assertThat(issued).extracting(c -> c.partner().clientId()).doesNotHaveDuplicates();
    }

    @Test
    void theStoreKeepsOnlyTheSha256OfTheSecret() throws Exception {
        IssuedCredentials issued = manage.create(id("acme"), "Acme");
        String secret = issued.clientSecret();

        Partner stored = partners.findById(issued.partner().id()).orElseThrow();

        assertThat(stored.secretHash().digest()).isEqualTo(sha256(secret))
                .isNotEqualTo(Base64.getUrlDecoder().decode(secret));
        assertThat(stored.toString()).doesNotContain(secret);
        for (RecordComponent component : Partner.class.getRecordComponents()) {
            Object value = component.getAccessor().invoke(stored);
            assertThat(String.valueOf(value)).as(component.getName()).doesNotContain(secret);
        }
        assertThat(issued.toString()).doesNotContain(secret);
    }

    @Test
    void aPartnerIsNamedByItsIdWhenNoNameIsGiven() {
        assertThat(manage.create(id("a"), null).partner().name()).isEqualTo(id("a"));
        assertThat(manage.create(id("b"), "  ").partner().name()).isEqualTo(id("b"));
        assertThat(manage.create(id("c"), "  Acme  ").partner().name()).isEqualTo("Acme");
    }

    @Test
    void createRefusesAnIdTakenAlreadyAndKeepsTheFirstPartner() {
        IssuedCredentials first = manage.create(id("acme"), "First");

        assertThatThrownBy(() -> manage.create(id("acme"), "Second"))
                .isInstanceOf(PartnerAlreadyExistsException.class);

        assertThat(partners.findById(first.partner().id())).contains(first.partner());
        assertThat(authenticate(first)).isEqualTo(first.partner());
    }

    @Test
    void createRefusesAnInvalidPartnerId() {
        List<String> invalid = Arrays.asList(null, "", " ", "-" + prefix, prefix + " x", prefix + "/x",
                prefix + "x".repeat(64));

        for (String partnerId : invalid) {
            InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                    () -> manage.create(partnerId, "Acme"));
            assertThat(fields(refused)).as(String.valueOf(partnerId)).containsExactly("partnerId");
        }
    }

    @Test
    void createRefusesANameOver200CharactersAndStoresNothing() {
        String longest = "n".repeat(Partner.MAX_NAME_LENGTH);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> manage.create(id("long"), longest + "n"));
        Partner fits = manage.create(id("fits"), "  " + longest + "  ").partner();

        assertThat(fields(refused)).containsExactly("name");
        assertThat(partners.findById(new ContributorId(id("long")))).isEmpty();
        assertThat(fits.name()).isEqualTo(longest);
    }

    @Test
    void concurrentCreatesOfOneIdCreateItOnce() {
        List<Object> outcomes = Race.run(RACERS, i -> {
            try {
                return manage.create(id("race"), "Racer " + i);
            } catch (PartnerAlreadyExistsException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(o -> o instanceof IssuedCredentials).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof PartnerAlreadyExistsException).hasSize(RACERS - 1);
        IssuedCredentials winner = (IssuedCredentials) outcomes.stream()
                .filter(o -> o instanceof IssuedCredentials).findFirst().orElseThrow();
        assertThat(authenticate(winner)).isEqualTo(winner.partner());
    }

    // ---- authenticate: the right triple, or one answer for every mistake ---------------------------

    @Test
    void authenticatesWithItsIdClientIdAndSecret() {
        IssuedCredentials issued = manage.create(id("acme"), "Acme");

        assertThat(authenticate(issued)).isEqualTo(issued.partner());
        assertThat(authenticate.requireCurrent(issued.partner().id(), Partner.FIRST_CREDENTIAL_VERSION))
                .isEqualTo(issued.partner());
    }

    @Test
    void everyWrongCredentialIsRefusedWithTheSameAnswer() {
        IssuedCredentials acme = manage.create(id("acme"), "Acme");
        IssuedCredentials globex = manage.create(id("globex"), "Globex");
        String partnerId = acme.partner().id().value();
        String clientId = acme.partner().clientId().value();
        String secret = acme.clientSecret();
        String wellFormedSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(SECRET_BYTES));

        Map<String, PartnerCredentials> wrong = new LinkedHashMap<>();
        wrong.put("another partner's secret", new PartnerCredentials(partnerId, clientId, globex.clientSecret()));
        wrong.put("a random secret", new PartnerCredentials(partnerId, clientId, wellFormedSecret));
        wrong.put("the secret with a character more", new PartnerCredentials(partnerId, clientId, secret + "A"));
        wrong.put("the secret with a space after it", new PartnerCredentials(partnerId, clientId, secret + " "));
        wrong.put("the secret cut short", new PartnerCredentials(partnerId, clientId, secret.substring(1)));
        wrong.put("an empty secret", new PartnerCredentials(partnerId, clientId, ""));
        wrong.put("a null secret", new PartnerCredentials(partnerId, clientId, null));
        wrong.put("an unknown client id", new PartnerCredentials(partnerId, "ck_" + hex(16), secret));
        wrong.put("another partner's client id",
                new PartnerCredentials(partnerId, globex.partner().clientId().value(), secret));
        wrong.put("a client id too short", new PartnerCredentials(partnerId, "ck_1", secret));
        wrong.put("a client id with a space", new PartnerCredentials(partnerId, clientId + " x", secret));
        wrong.put("an empty client id", new PartnerCredentials(partnerId, "", secret));
        wrong.put("a null client id", new PartnerCredentials(partnerId, null, secret));
        wrong.put("another partner's id", new PartnerCredentials(globex.partner().id().value(), clientId, secret));
        wrong.put("an unknown partner id", new PartnerCredentials(id("nobody"), clientId, secret));
        wrong.put("a malformed partner id", new PartnerCredentials(" " + partnerId, clientId, secret));
        wrong.put("a null partner id", new PartnerCredentials(null, clientId, secret));
        wrong.put("nothing at all", new PartnerCredentials(null, null, null));
        wrong.put("no credentials", null);

        wrong.forEach((mistake, credentials) -> assertThat(catchThrowable(() -> authenticate.authenticate(credentials)))
                .as(mistake).isExactlyInstanceOf(UnauthorizedException.class).hasMessage(UNAUTHORIZED)
                .hasNoCause());
        assertThat(authenticate(acme)).as("the right triple still works").isEqualTo(acme.partner());
    }

    @Test
    void theRefusalNamesNeitherPartnerNorClientId() {
        IssuedCredentials acme = manage.create(id("acme"), "Acme");

        Throwable refused = catchThrowable(() -> authenticate.authenticate(new PartnerCredentials(
                acme.partner().id().value(), acme.partner().clientId().value(), "wrong")));

        assertThat(refused).isInstanceOf(UnauthorizedException.class);
        assertThat(refused.getMessage()).doesNotContain(acme.partner().id().value())
                .doesNotContain(acme.partner().clientId().value());
    }

    @Test
    void requireCurrentRefusesAnUnknownPartner() {
        assertThatThrownBy(() -> authenticate.requireCurrent(new ContributorId(id("nobody")),
                Partner.FIRST_CREDENTIAL_VERSION))
                .isExactlyInstanceOf(UnauthorizedException.class).hasMessage(UNAUTHORIZED);
    }

    // ---- rotate: the old secret stops working at once ------------------------------------------------

    @Test
    void rotatingTheSecretRetiresTheOldOneAndKeepsTheClientId() throws Exception {
        IssuedCredentials issued = manage.create(id("acme"), "Acme");

        IssuedCredentials rotated = manage.rotateSecret(id("acme"));

        assertThat(rotated.clientSecret()).matches(SECRET_SHAPE).isNotEqualTo(issued.clientSecret());
        assertThat(rotated.partner().clientId()).isEqualTo(issued.partner().clientId());
        assertThat(rotated.partner().id()).isEqualTo(issued.partner().id());
        assertThat(rotated.partner().name()).isEqualTo("Acme");
        assertThat(rotated.partner().created()).isEqualTo(issued.partner().created());
        assertThat(rotated.partner().enabled()).isTrue();
        assertThatThrownBy(() -> authenticate(issued)).isExactlyInstanceOf(UnauthorizedException.class)
                .hasMessage(UNAUTHORIZED);
        assertThat(authenticate(rotated)).isEqualTo(rotated.partner());
        assertThat(rotated.partner().credentialVersion()).isEqualTo(issued.partner().credentialVersion() + 1);
        assertThatThrownBy(() -> authenticate.requireCurrent(issued.partner().id(),
                issued.partner().credentialVersion())).as("tokens of the old secret")
                .isExactlyInstanceOf(UnauthorizedException.class);
        assertThat(authenticate.requireCurrent(issued.partner().id(), rotated.partner().credentialVersion()))
                .isEqualTo(rotated.partner());
        Partner stored = partners.findById(issued.partner().id()).orElseThrow();
        assertThat(stored).isEqualTo(rotated.partner());
        assertThat(stored.secretHash().digest()).isEqualTo(sha256(rotated.clientSecret()));
    }

    @Test
    void rotatingADisabledPartnersSecretLeavesItDisabled() {
        manage.create(id("acme"), "Acme");
        manage.disable(id("acme"));

        IssuedCredentials rotated = manage.rotateSecret(id("acme"));

        assertThat(rotated.partner().enabled()).isFalse();
        assertThatThrownBy(() -> authenticate(rotated)).isExactlyInstanceOf(UnauthorizedException.class);
    }

    // ---- disable: the credentials stop working at once -----------------------------------------------

    @Test
    void aDisabledPartnerNeitherAuthenticatesNorPassesRequireEnabled() {
        IssuedCredentials acme = manage.create(id("acme"), "Acme");
        IssuedCredentials globex = manage.create(id("globex"), "Globex");

        Partner disabled = manage.disable(id("acme"));

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.clientId()).isEqualTo(acme.partner().clientId());
        assertThat(partners.findById(disabled.id())).contains(disabled);
        assertThatThrownBy(() -> authenticate(acme)).isExactlyInstanceOf(UnauthorizedException.class)
                .hasMessage(UNAUTHORIZED);
        assertThatThrownBy(() -> authenticate.requireCurrent(disabled.id(), disabled.credentialVersion()))
                .isExactlyInstanceOf(UnauthorizedException.class).hasMessage(UNAUTHORIZED);
        assertThat(authenticate(globex)).as("other partners still work").isEqualTo(globex.partner());
    }

    // ---- enable: the partner may call again --------------------------------------------------------

    @Test
    void enablingADisabledPartnerRestoresItsSecretAndItsTokens() {
        IssuedCredentials acme = manage.create(id("acme"), "Acme");
        manage.disable(id("acme"));

        Partner enabled = manage.enable(id("acme"));

        assertThat(enabled).isEqualTo(acme.partner());
        assertThat(authenticate(acme)).isEqualTo(acme.partner());
        assertThat(authenticate.requireCurrent(enabled.id(), acme.partner().credentialVersion())).isEqualTo(enabled);
        assertThat(manage.enable(id("acme"))).as("enabling twice changes nothing").isEqualTo(enabled);
        assertThatThrownBy(() -> manage.enable(id("nobody"))).isInstanceOf(PartnerNotFoundException.class);
    }

    // ---- commands at the same time do not undo each other ---------------------------------------------

    @Test
    void aDisableRacingARotationLeavesThePartnerDisabledWithTheNewSecret() {
        List<IssuedCredentials> partnersRaced = IntStream.range(0, RACERS)
                .mapToObj(i -> manage.create(id("r" + i), null)).toList();

        List<Object> outcomes = Race.run(2 * RACERS, i -> i % 2 == 0
                ? manage.disable(id("r" + i / 2))
                : manage.rotateSecret(id("r" + i / 2)));

        for (int i = 0; i < RACERS; i++) {
            IssuedCredentials rotated = (IssuedCredentials) outcomes.get(2 * i + 1);
            Partner stored = partners.findById(partnersRaced.get(i).partner().id()).orElseThrow();
            assertThat(stored.enabled()).as("partner %d enabled", i).isFalse();
            assertThat(stored.secretHash()).as("partner %d secret", i).isEqualTo(rotated.partner().secretHash());
            assertThat(stored.credentialVersion()).as("partner %d version", i)
                    .isEqualTo(Partner.FIRST_CREDENTIAL_VERSION + 1);
        }
    }

    // ---- list, and operations on partners that do not exist ------------------------------------------

    @Test
    void listsPartnersOrderedByIdDisabledOnesIncluded() {
        manage.create(id("c"), "C");
        manage.create(id("a"), "A");
        manage.create(id("b"), "B");
        Partner disabledB = manage.disable(id("b"));

        List<Partner> mine = manage.list().stream().filter(p -> p.id().value().startsWith(prefix)).toList();

        assertThat(mine).extracting(p -> p.id().value()).containsExactly(id("a"), id("b"), id("c"));
        assertThat(mine.get(1)).isEqualTo(disabledB);
    }

    @Test
    void rotatingOrDisablingAnUnknownPartnerIsNotFound() {
        assertThatThrownBy(() -> manage.rotateSecret(id("nobody"))).isInstanceOf(PartnerNotFoundException.class);
        assertThatThrownBy(() -> manage.disable(id("nobody"))).isInstanceOf(PartnerNotFoundException.class);
        assertThat(partners.findById(new ContributorId(id("nobody")))).isEmpty();
    }

    @Test
    void rotatingOrDisablingAMalformedIdIsInvalidInput() {
        InvalidInputException rotate = catchThrowableOfType(InvalidInputException.class,
                () -> manage.rotateSecret("not an id"));
        InvalidInputException disable = catchThrowableOfType(InvalidInputException.class,
                () -> manage.disable(null));

        assertThat(fields(rotate)).containsExactly("partnerId");
        assertThat(fields(disable)).containsExactly("partnerId");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private Partner authenticate(IssuedCredentials issued) {
        return authenticate.authenticate(new PartnerCredentials(issued.partner().id().value(),
                issued.partner().clientId().value(), issued.clientSecret()));
    }

    private String id(String suffix) {
        return prefix + suffix;
    }

    private static List<String> fields(InvalidInputException refused) {
        assertThat(refused).as("refused").isNotNull();
        return refused.violations().stream().map(Violation::field).toList();
    }

    private static byte[] sha256(String secret) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(UTF_8));
    }

    private static byte[] bytes(int count) {
        byte[] random = new byte[count];
        RANDOM.nextBytes(random);
        return random;
    }

    private static String hex(int count) {
        return HexFormat.of().formatHex(bytes(count));
    }
}
