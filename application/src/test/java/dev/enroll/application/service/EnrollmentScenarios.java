package dev.enroll.application.service;

import static dev.enroll.application.service.UserPatchBuilder.AddressPatchBuilder.addressPatch;
import static dev.enroll.application.service.UserPatchBuilder.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.enroll.application.port.in.ConcurrentUpdateException;
import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.CreateUserWithPolicyCommand;
import dev.enroll.application.port.in.GetUserQuery;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.in.UpdatePolicyCommand;
import dev.enroll.application.port.in.UpdateUserCommand;
import dev.enroll.application.port.in.UserAlreadyExistsException;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.in.UserNotFoundException;
import dev.enroll.application.port.in.UserPatch;
import dev.enroll.application.port.out.DeleteOutcome;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.PartnerCodeGenerator;
import dev.enroll.application.port.out.UpdateOutcome;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.testing.Race;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.Violation;
import dev.enroll.domain.address.UsState;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.TosAnswer;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The use cases run for real on a store: every identity rule of docs/identity.md, seen from the
 * services. A store adapter subclasses this and returns itself from {@link #newUserRepository()}.
 *
 * <p>The clock is fixed, so timestamps are exact; ids are UUID version 7 built in test code, and
 * partner codes random unless a scenario scripts them. Each test works in contributors of its
 * own with new phone numbers and emails, so a store shared with other tests does not matter.
 */
public abstract class EnrollmentScenarios {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123Z");
    private static final int RACERS = 20;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ScriptedPartnerCodes partnerCodes = new ScriptedPartnerCodes();

    private UserStore store;
    private UserRepository users;
    private ContributorId acme;
    private ContributorId globex;
    /** The one contributor allowed to leave policy dates out. */
    private ContributorId lenient;

    private CreateUserService create;
    private CreateUserWithPolicyService createWithPolicy;
    private UpdateUserService update;
    private UpdatePolicyService updatePolicy;
    private GetUserService get;

    /**
     * The store under test; called once before each test. It need not be empty, but it must be
     * usable at once and safe to call from many threads.
     */
    protected abstract UserStore newStore();

    @BeforeEach
    void setUpServices() {
        store = newStore();
        users = store.users();
        acme = store.newContributor();
        globex = store.newContributor();
        lenient = store.newContributor();
        create = new CreateUserService(users, TestIds::userId, partnerCodes, clock);
        createWithPolicy = new CreateUserWithPolicyService(users, TestIds::userId, partnerCodes,
                contributor -> contributor.equals(lenient), clock);
        update = new UpdateUserService(users, clock);
        updatePolicy = new UpdatePolicyService(users, contributor -> contributor.equals(lenient), clock);
        get = new GetUserService(users);
    }

    // ---- create: phone and email unique per contributor -------------------------------------------

    @Test
    void aNewUserGetsAnIdAPartnerCodeAndTheTimeOfRegistration() {
        partnerCodes.willDraw("K7WX2ZPQ");
        String phone = TestIds.phone();
        String email = TestIds.email();

        CreateUserResult result = create.create(new CreateUserCommand(acme, Inputs.user(phone, email), false));

        User user = result.user();
        assertThat(result.created()).isTrue();
        assertThat(user.id().value().version()).isEqualTo(7);
        assertThat(user.contributor()).isEqualTo(acme);
        assertThat(user.partnerCode()).isEqualTo(new PartnerCode("K7WX2ZPQ"));
        assertThat(user.dateRegistered()).isEqualTo(NOW);
        assertThat(user.updated()).isEqualTo(NOW);
        assertThat(user.version()).isEqualTo(1);
        assertThat(user.tosAnswer()).isEqualTo(TosAnswer.NONE);
        assertThat(user.fraud()).isFalse();
        assertThat(user.policy()).isNull();
        assertThat(user.profile().phone().value()).isEqualTo(phone);
        assertThat(user.profile().email().value()).isEqualTo(email);
        assertThat(user.profile().address().state()).isEqualTo(UsState.IL);
        assertThat(get(acme, user)).isEqualTo(user);
    }

    @Test
    void createRefusesAPhoneAnotherUserHas() {
        String phone = TestIds.phone();
        create(acme, Inputs.user(phone, TestIds.email()));

        assertThatThrownBy(() -> create(acme, Inputs.user(phone, TestIds.email())))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("phone");
    }

    @Test
    void createRefusesAnEmailAnotherUserHasWhateverItsCase() {
        String email = "Ann.Smith." + TestIds.email();
        create(acme, Inputs.user(TestIds.phone(), email));

        assertThatThrownBy(() -> create(acme, Inputs.user(TestIds.phone(), email.toUpperCase())))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("email");
    }

    @Test
    void usersWithoutEmailDoNotConflictOverIt() {
        User first = create(acme, Inputs.user(TestIds.phone(), null));
        User second = create(acme, Inputs.user(TestIds.phone(), " "));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.profile().email()).isNull();
    }

    @Test
    void createRefusesThePhoneOfAUserWhoHoldsAPolicy() {
        String phone = TestIds.phone();
        createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));

        assertThatThrownBy(() -> create(acme, Inputs.user(phone, null)))
                .isInstanceOf(UserAlreadyExistsException.class);
    }

    @Test
    void returnExistingAnswersWithTheUserHoldingThePhoneUnchanged() {
        String phone = TestIds.phone();
        User existing = create(acme, Inputs.user(phone, TestIds.email()));
        UserInput differentDetails = new UserInput("Someone", "Else", TestIds.email(), phone, null, null, null, null,
                null, null, null, Inputs.ADDRESS);

        CreateUserResult result = create.create(new CreateUserCommand(acme, differentDetails, true));

        assertThat(result.created()).isFalse();
        assertThat(result.user()).isEqualTo(existing);
        assertThat(get(acme, existing)).isEqualTo(existing);
    }

    @Test
    void returnExistingAnswersWithTheUserHoldingTheEmail() {
        String email = TestIds.email();
        User existing = create(acme, Inputs.user(TestIds.phone(), email));

        CreateUserResult result = create.create(new CreateUserCommand(acme,
                Inputs.user(TestIds.phone(), email.toUpperCase()), true));

        assertThat(result.created()).isFalse();
        assertThat(result.user()).isEqualTo(existing);
    }

    @Test
    void anotherContributorMayRegisterTheSamePhoneAndEmail() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        User acmes = create(acme, Inputs.user(phone, email));

        User globexs = create(globex, Inputs.user(phone, email));

        assertThat(globexs.id()).isNotEqualTo(acmes.id());
        assertThat(globexs.contributor()).isEqualTo(globex);
    }

    @Test
    void aPartnerCodeAlreadyGivenInTheContributorIsDrawnAgain() {
        partnerCodes.willDraw("K7WX2ZPQ");
        create(acme, Inputs.user(TestIds.phone(), null));
        partnerCodes.willDraw("K7WX2ZPQ", "ABCDEFGH");

        User second = create(acme, Inputs.user(TestIds.phone(), null));

        assertThat(second.partnerCode()).isEqualTo(new PartnerCode("ABCDEFGH"));
    }

    // ---- create with policy: phone + policy number unique per contributor ------------------------

    @Test
    void createWithPolicyStoresThePolicyWithItsDatesInUtc() {
        User user = createWithPolicy(acme, Inputs.user(TestIds.phone(), null),
                new PolicyInput(" POL-1 ", "2024-01-01T02:00:00+02:00", "2025-01-01T00:00:00.500Z"));

        assertThat(user.policy().number().value()).isEqualTo("POL-1");
        assertThat(user.policy().startDate()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(user.policy().endDate()).isEqualTo(Instant.parse("2025-01-01T00:00:00.500Z"));
        assertThat(get(acme, user)).isEqualTo(user);
    }

    @Test
    void createWithPolicyRefusesTheSamePhoneAndPolicyNumber() {
        String phone = TestIds.phone();
        createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));

        assertThatThrownBy(() -> createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy(" POL-1 ")))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("phone and policy number");
    }

    @Test
    void onePersonMayHoldSeveralPolicies() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        User first = createWithPolicy(acme, Inputs.user(phone, email), Inputs.policy("POL-1"));

        User second = createWithPolicy(acme, Inputs.user(phone, email), Inputs.policy("POL-2"));

        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void createWithPolicyIgnoresEmailAndPhoneAlone() {
        String email = TestIds.email();
        String phone = TestIds.phone();
        create(acme, Inputs.user(phone, email));

        User samePhone = createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));
        User sameEmailAndPolicy = createWithPolicy(acme, Inputs.user(TestIds.phone(), email), Inputs.policy("POL-1"));

        assertThat(samePhone.policy().number().value()).isEqualTo("POL-1");
        assertThat(sameEmailAndPolicy.profile().email().value()).isEqualTo(email);
    }

    @Test
    void policyNumbersCompareExactly() {
        String phone = TestIds.phone();
        createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));

        User lowerCase = createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("pol-1"));

        assertThat(lowerCase.policy().number().value()).isEqualTo("pol-1");
    }

    @Test
    void createWithPolicyReturnExistingAnswersWithTheHolderUnchanged() {
        String phone = TestIds.phone();
        User existing = createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));

        CreateUserResult result = createWithPolicy.createWithPolicy(new CreateUserWithPolicyCommand(acme,
                Inputs.user(phone, TestIds.email()), Inputs.policy("POL-1"), true));

        assertThat(result.created()).isFalse();
        assertThat(result.user()).isEqualTo(existing);
    }

    @Test
    void policyDatesAreRequiredUnlessTheContributorMayOmitThem() {
        PolicyInput undated = new PolicyInput("POL-1", null, null);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> createWithPolicy(acme, Inputs.user(TestIds.phone(), null), undated));
        User allowed = createWithPolicy(lenient, Inputs.user(TestIds.phone(), null), undated);

        assertThat(fields(refused)).containsExactly("policy.startDate", "policy.endDate");
        assertThat(allowed.policy().startDate()).isNull();
        assertThat(allowed.policy().endDate()).isNull();
    }

    @Test
    void anotherContributorMayRegisterTheSamePhoneAndPolicy() {
        String phone = TestIds.phone();
        createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));

        assertThat(createWithPolicy(globex, Inputs.user(phone, null), Inputs.policy("POL-1")).contributor())
                .isEqualTo(globex);
    }

    // ---- get: another contributor's user is not found ----------------------------------------------

    @Test
    void anotherContributorsUserIsNotFoundForGetUpdateOrUpdatePolicy() {
        User user = create(acme, Inputs.user(TestIds.phone(), null));
        String id = user.id().toString();

        assertThatThrownBy(() -> get.get(new GetUserQuery(globex, id))).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> update(globex, user, patch().firstName("Mallory").build()))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> updatePolicy(globex, user, Inputs.policy("POL-1")))
                .isInstanceOf(UserNotFoundException.class);
        assertThat(get(acme, user)).isEqualTo(user);
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        List<String> ids = List.of(TestIds.userId().toString(), "not-an-id", "", UUID.randomUUID().toString(),
                "+" + TestIds.userId().toString().substring(1));

        for (String id : ids) {
            assertThatThrownBy(() -> get.get(new GetUserQuery(acme, id))).as(id)
                    .isInstanceOf(UserNotFoundException.class);
            assertThatThrownBy(() -> update.update(new UpdateUserCommand(acme, id, UserPatch.NONE))).as(id)
                    .isInstanceOf(UserNotFoundException.class);
            assertThatThrownBy(() -> updatePolicy.updatePolicy(new UpdatePolicyCommand(acme, id,
                    Inputs.policy("POL-1")))).as(id).isInstanceOf(UserNotFoundException.class);
        }
        assertThatThrownBy(() -> get.get(new GetUserQuery(acme, null))).isInstanceOf(UserNotFoundException.class);
    }

    // ---- update: claims only the phone or email it changes ----------------------------------------

    @Test
    void anUpdateChangesOnlyWhatItNamesAndMovesVersionAndUpdated() {
        User user = create(acme, Inputs.user(TestIds.phone(), TestIds.email()));

        User updated = update(acme, user, patch().firstName("Anna").customField(5, null)
                .address(addressPatch().city("Chicago").build()).build());

        assertThat(updated.profile().name().first()).isEqualTo("Anna");
        assertThat(updated.profile().name().last()).isEqualTo("Smith");
        assertThat(updated.profile().customFields().field1()).isEqualTo("c1");
        assertThat(updated.profile().customFields().field5()).isNull();
        assertThat(updated.profile().address().city()).isEqualTo("Chicago");
        assertThat(updated.profile().address().addressLine1()).isEqualTo("1 Main St");
        assertThat(updated.profile().email()).isEqualTo(user.profile().email());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.updated()).isAfter(user.updated());
        assertThat(updated.dateRegistered()).isEqualTo(user.dateRegistered());
        assertThat(get(acme, user)).isEqualTo(updated);
    }

    @Test
    void anUpdateClearsOptionalFieldsAndRefusesToClearRequiredOnes() {
        User user = create(acme, Inputs.user(TestIds.phone(), TestIds.email()));

        User cleared = update(acme, user, patch().email(null).emailVerified(null)
                .address(addressPatch().zip(null).build()).build());
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> update(acme, user, patch().lastName(null).phone(null).build()));

        assertThat(cleared.profile().email()).isNull();
        assertThat(cleared.profile().emailVerified()).isFalse();
        assertThat(cleared.profile().address().zip()).isNull();
        assertThat(fields(refused)).containsExactlyInAnyOrder("name.last", "phone");
        assertThat(get(acme, user)).isEqualTo(cleared);
    }

    @Test
    void anUpdateOntoAnotherUsersPhoneIsRefusedAndChangesNothing() {
        String phone = TestIds.phone();
        create(acme, Inputs.user(phone, null));
        User user = create(acme, Inputs.user(TestIds.phone(), null));

        assertThatThrownBy(() -> update(acme, user, patch().phone(phone).firstName("Anna").build()))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("phone");
        assertThat(get(acme, user)).isEqualTo(user);
    }

    @Test
    void anUpdateOntoAnotherUsersEmailInAnyCaseIsRefused() {
        String email = TestIds.email();
        create(acme, Inputs.user(TestIds.phone(), email));
        User user = create(acme, Inputs.user(TestIds.phone(), null));

        assertThatThrownBy(() -> update(acme, user, patch().email(email.toUpperCase()).build()))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("email");
        assertThat(get(acme, user)).isEqualTo(user);
    }

    @Test
    void resendingTheUsersOwnValuesIsNoConflictAndNoChange() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        User user = create(acme, Inputs.user(phone, email));

        User same = update(acme, user, patch().phone(phone).email(email).firstName("Ann").lastName("Smith")
                .address(addressPatch().state("IL").build()).build());

        assertThat(same).isEqualTo(user);
        assertThat(same.version()).isEqualTo(1);
        assertThat(same.updated()).isEqualTo(user.updated());
    }

    @Test
    void aNewSpellingOfTheOwnEmailIsStoredWithoutConflict() {
        String email = "ann." + TestIds.email();
        User user = create(acme, Inputs.user(TestIds.phone(), email));

        User respelled = update(acme, user, patch().email(email.toUpperCase()).build());

        assertThat(respelled.profile().email().value()).isEqualTo(email.toUpperCase());
        assertThat(respelled.profile().emailVerified()).as("still the same address").isTrue();
        assertThat(respelled.version()).isEqualTo(2);
    }

    @Test
    void aNewEmailOrPhoneIsStoredUnverifiedUnlessTheUpdateVouchesForIt() {
        User user = update(acme, create(acme, Inputs.user(TestIds.phone(), TestIds.email())),
                patch().phoneVerified(true).build());
        assertThat(user.profile().emailVerified()).isTrue();
        assertThat(user.profile().phoneVerified()).isTrue();

        User moved = update(acme, user, patch().email(TestIds.email()).phone(TestIds.phone()).build());
        User vouched = update(acme, moved, patch().email(TestIds.email()).emailVerified(true).build());

        assertThat(moved.profile().emailVerified()).isFalse();
        assertThat(moved.profile().phoneVerified()).isFalse();
        assertThat(vouched.profile().emailVerified()).isTrue();
        assertThat(get(acme, user)).isEqualTo(vouched);
    }

    @Test
    void customFieldsAreTrimmedSoSpacesAloneAreNoChangeAndABlankFieldClearsIt() {
        User user = create(acme, Inputs.user(TestIds.phone(), null));

        User same = update(acme, user, patch().customField(1, " c1 ").build());
        User changed = update(acme, user, patch().customField(2, " two ").customField(5, "  ").build());

        assertThat(same).isEqualTo(user);
        assertThat(same.version()).isEqualTo(1);
        assertThat(changed.profile().customFields()).isEqualTo(new CustomFields("c1", "two", null, null, null));
        assertThat(get(acme, user)).isEqualTo(changed);
    }

    @Test
    void anEmailGivenUpMayBeTakenByAnotherUser() {
        String email = TestIds.email();
        User first = create(acme, Inputs.user(TestIds.phone(), email));
        User second = create(acme, Inputs.user(TestIds.phone(), null));

        update(acme, first, patch().email(null).build());
        User taken = update(acme, second, patch().email(email).build());

        assertThat(taken.profile().email().value()).isEqualTo(email);
    }

    @Test
    void aPersonWithTwoPoliciesMayStillUpdateTheirDetails() {
        String phone = TestIds.phone();
        createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));
        User second = createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-2"));

        User updated = update(acme, second, patch().phone(phone).firstName("Anna").build());

        assertThat(updated.profile().name().first()).isEqualTo("Anna");
    }

    @Test
    void aPersonWhosePhoneChangesMayMoveEachOfTheirPolicyRecordsOntoTheNewOne() {
        String phone = TestIds.phone();
        String newPhone = TestIds.phone();
        User first = createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));
        User second = createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-2"));

        update(acme, first, patch().phone(newPhone).build());
        User moved = update(acme, second, patch().phone(newPhone).build());

        assertThat(moved.profile().phone().value()).isEqualTo(newPhone);
    }

    @Test
    void aPolicyRecordIsRefusedTheNewPhoneWhenAnotherRecordHoldsItWithTheSamePolicyNumber() {
        String phone = TestIds.phone();
        createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));
        User other = createWithPolicy(acme, Inputs.user(TestIds.phone(), null), Inputs.policy("POL-1"));

        assertThatThrownBy(() -> update(acme, other, patch().phone(phone).build()))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("phone and policy number");
        assertThat(get(acme, other)).isEqualTo(other);
    }

    @Test
    void aPolicyRecordsUpdateClaimsAsACreateWithPolicyDoesNotItsEmailNorAPlainUsersPhone() {
        String plainPhone = TestIds.phone();
        String email = TestIds.email();
        create(acme, Inputs.user(plainPhone, email));
        User record = createWithPolicy(acme, Inputs.user(TestIds.phone(), null), Inputs.policy("POL-1"));

        User moved = update(acme, record, patch().phone(plainPhone).email(email).build());

        assertThat(moved.profile().phone().value()).isEqualTo(plainPhone);
        assertThat(moved.profile().email().value()).isEqualTo(email);
        // A plain create still finds both taken, by the plain user and by the record alike.
        assertThatThrownBy(() -> create(acme, Inputs.user(plainPhone, null)))
                .isInstanceOf(UserAlreadyExistsException.class);
    }

    @Test
    void anUpdateMayTakeAPhoneThatOnlyAnotherContributorsUserHas() {
        String phone = TestIds.phone();
        create(globex, Inputs.user(phone, null));
        User user = create(acme, Inputs.user(TestIds.phone(), null));

        assertThat(update(acme, user, patch().phone(phone).build()).profile().phone().value()).isEqualTo(phone);
    }

    @Test
    void anUpdateThatLosesARaceIsWorkedOutAgainSoNeitherChangeIsLost() {
        User user = create(acme, Inputs.user(TestIds.phone(), null));
        UpdateUserService racing = new UpdateUserService(new InterferingStore(1,
                n -> update(acme, user, patch().customField(2, "theirs").build())), clock);

        User result = racing.update(new UpdateUserCommand(acme, user.id().toString(),
                patch().customField(1, "mine").build()));

        assertThat(result.profile().customFields().field1()).isEqualTo("mine");
        assertThat(result.profile().customFields().field2()).isEqualTo("theirs");
        assertThat(result.version()).isEqualTo(3);
        assertThat(get(acme, user)).isEqualTo(result);
    }

    @Test
    void anUpdateThatKeepsLosingRacesGivesUpWithoutWriting() {
        User user = create(acme, Inputs.user(TestIds.phone(), null));
        UpdateUserService starved = new UpdateUserService(new InterferingStore(Integer.MAX_VALUE,
                n -> update(acme, user, patch().customField(2, "theirs " + n).build())), clock);

        assertThatThrownBy(() -> starved.update(new UpdateUserCommand(acme, user.id().toString(),
                patch().customField(1, "mine").build()))).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(get(acme, user).profile().customFields().field1()).isEqualTo("c1");
    }

    // ---- update policy: claims phone + policy number ----------------------------------------------

    @Test
    void updatePolicyAttachesAPolicyToAUserWithout() {
        User user = create(acme, Inputs.user(TestIds.phone(), null));

        User updated = updatePolicy(acme, user, Inputs.policy("POL-1"));

        assertThat(updated.policy().number().value()).isEqualTo("POL-1");
        assertThat(updated.policy().startDate()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.profile()).isEqualTo(user.profile());
        assertThat(get(acme, user)).isEqualTo(updated);
    }

    @Test
    void updatePolicyReplacesThePolicy() {
        User user = createWithPolicy(acme, Inputs.user(TestIds.phone(), null), Inputs.policy("POL-1"));

        User updated = updatePolicy(acme, user,
                new PolicyInput("POL-2", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));

        assertThat(updated.policy().number().value()).isEqualTo("POL-2");
        assertThat(updated.policy().endDate()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void updatePolicyRefusesAPhoneAndPolicyAnotherUserHolds() {
        String phone = TestIds.phone();
        createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-1"));
        User second = createWithPolicy(acme, Inputs.user(phone, null), Inputs.policy("POL-2"));

        assertThatThrownBy(() -> updatePolicy(acme, second, Inputs.policy("POL-1")))
                .isInstanceOf(UserAlreadyExistsException.class);
        assertThat(get(acme, second)).isEqualTo(second);
    }

    @Test
    void updatePolicyMayTakeANumberAnotherPhoneHolds() {
        createWithPolicy(acme, Inputs.user(TestIds.phone(), null), Inputs.policy("POL-1"));
        User user = create(acme, Inputs.user(TestIds.phone(), null));

        assertThat(updatePolicy(acme, user, Inputs.policy("POL-1")).policy().number().value()).isEqualTo("POL-1");
    }

    @Test
    void resendingTheSamePolicyChangesNothing() {
        User user = createWithPolicy(acme, Inputs.user(TestIds.phone(), null), Inputs.policy("POL-1"));

        assertThat(updatePolicy(acme, user, Inputs.policy("POL-1"))).isEqualTo(user);
    }

    @Test
    void newDatesForTheSameNumberAreAChangeButNoNewClaim() {
        User user = createWithPolicy(acme, Inputs.user(TestIds.phone(), null), Inputs.policy("POL-1"));

        User updated = updatePolicy(acme, user,
                new PolicyInput("POL-1", "2024-06-01T00:00:00Z", "2025-06-01T00:00:00Z"));

        assertThat(updated.policy().startDate()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(updated.version()).isEqualTo(2);
    }

    @Test
    void updatePolicyDatesAreRequiredUnlessTheContributorMayOmitThem() {
        User strict = create(acme, Inputs.user(TestIds.phone(), null));
        User relaxed = create(lenient, Inputs.user(TestIds.phone(), null));
        PolicyInput undated = new PolicyInput("POL-1", null, null);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> updatePolicy(acme, strict, undated));
        User allowed = updatePolicy(lenient, relaxed, undated);

        assertThat(fields(refused)).containsExactly("policy.startDate", "policy.endDate");
        assertThat(allowed.policy().startDate()).isNull();
        assertThat(get(acme, strict)).isEqualTo(strict);
    }

    // ---- concurrency through the services ---------------------------------------------------------

    @Test
    void concurrentCreatesOfOneUserCreateItOnce() {
        UserInput input = Inputs.user(TestIds.phone(), TestIds.email());

        List<Object> outcomes = Race.run(RACERS, i -> {
            try {
                return create.create(new CreateUserCommand(acme, input, false));
            } catch (UserAlreadyExistsException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(o -> o instanceof CreateUserResult).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof UserAlreadyExistsException).hasSize(RACERS - 1);
    }

    @Test
    void concurrentCreatesWithReturnExistingAllAnswerWithTheOneUser() {
        UserInput input = Inputs.user(TestIds.phone(), TestIds.email());

        List<CreateUserResult> results = Race.run(RACERS,
                i -> create.create(new CreateUserCommand(acme, input, true)));

        assertThat(results).extracting(r -> r.user().id()).containsOnly(results.get(0).user().id());
        assertThat(results).filteredOn(CreateUserResult::created).hasSize(1);
    }

    @Test
    void concurrentCreatesWithOnePolicyCreateItOnce() {
        UserInput input = Inputs.user(TestIds.phone(), null);

        List<Object> outcomes = Race.run(RACERS, i -> {
            try {
                return createWithPolicy.createWithPolicy(new CreateUserWithPolicyCommand(acme, input,
                        Inputs.policy("RACE-1"), false));
            } catch (UserAlreadyExistsException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(o -> o instanceof CreateUserResult).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof UserAlreadyExistsException).hasSize(RACERS - 1);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private User create(ContributorId contributor, UserInput input) {
        return create.create(new CreateUserCommand(contributor, input, false)).user();
    }

    private User createWithPolicy(ContributorId contributor, UserInput input, PolicyInput policy) {
        return createWithPolicy.createWithPolicy(new CreateUserWithPolicyCommand(contributor, input, policy, false))
                .user();
    }

    private User get(ContributorId contributor, User user) {
        return get.get(new GetUserQuery(contributor, user.id().toString()));
    }

    private User update(ContributorId contributor, User user, UserPatch patch) {
        return update.update(new UpdateUserCommand(contributor, user.id().toString(), patch));
    }

    private User updatePolicy(ContributorId contributor, User user, PolicyInput policy) {
        return updatePolicy.updatePolicy(new UpdatePolicyCommand(contributor, user.id().toString(), policy));
    }

    private static List<String> fields(InvalidInputException refused) {
        assertThat(refused).as("refused").isNotNull();
        return refused.violations().stream().map(Violation::field).toList();
    }

    /** Partner codes as scripted, then random ones. */
    private static final class ScriptedPartnerCodes implements PartnerCodeGenerator {
        private final Queue<PartnerCode> script = new ConcurrentLinkedQueue<>();

        void willDraw(String... codes) {
            for (String code : codes) {
                script.add(new PartnerCode(code));
            }
        }

        @Override
        public PartnerCode next() {
            PartnerCode scripted = script.poll();
            return scripted != null ? scripted : TestIds.partnerCode();
        }
    }

    /**
     * The store under test, but before each of its first {@code times} updates another request
     * gets in and changes the user: a lost race, made to happen on cue.
     */
    private final class InterferingStore implements UserRepository {
        private final AtomicInteger remaining;
        private final AtomicInteger count = new AtomicInteger();
        private final Consumer<Integer> interference;

        InterferingStore(int times, Consumer<Integer> interference) {
            this.remaining = new AtomicInteger(times);
            this.interference = interference;
        }

        @Override
        public InsertOutcome insertUnlessIdentityTaken(User user, List<IdentityKey> keys) {
            return users.insertUnlessIdentityTaken(user, keys);
        }

        @Override
        public UpdateOutcome updateUnlessIdentityTaken(User user, long expectedVersion, List<IdentityKey> keys) {
            if (remaining.getAndDecrement() > 0) {
                interference.accept(count.incrementAndGet());
            }
            return users.updateUnlessIdentityTaken(user, expectedVersion, keys);
        }

        @Override
        public Optional<User> findById(ContributorId contributor, UserId id) {
            return users.findById(contributor, id);
        }

        @Override
        public Optional<User> holderOf(ContributorId contributor, IdentityKey key) {
            return users.holderOf(contributor, key);
        }

        @Override
        public DeleteOutcome delete(ContributorId contributor, UserId id, long expectedVersion, Instant deleted) {
            return users.delete(contributor, id, expectedVersion, deleted);
        }

        @Override
        public List<UserChange> changes(ContributorId contributor, UserFilter filter, long afterSequence,
                                        int limit) {
            return users.changes(contributor, filter, afterSequence, limit);
        }

        @Override
        public boolean settlesPagesOf(UserFilter filter) {
            return users.settlesPagesOf(filter);
        }
    }
}
