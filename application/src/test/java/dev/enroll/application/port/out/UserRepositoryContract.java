package dev.enroll.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.application.testing.Race;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.policy.PolicyNumber;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.TosAnswer;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserRepository} must do, whatever it is built on. An adapter is done when a
 * subclass of this suite that returns it from {@link #newRepository()} passes.
 *
 * <p>The suite assumes nothing of a store's contents: each test works in contributors of its
 * own (see {@link #newContributor()}) with new phone numbers and emails, so it runs as well on
 * a database other tests (or other runs) write to at the same time.
 */
public abstract class UserRepositoryContract {

    private static final Instant REGISTERED = Instant.parse("2024-05-01T12:00:00.001Z");
    private static final int RACERS = 50;

    private UserStore store;
    private UserRepository users;
    private ContributorId acme;
    private ContributorId globex;

    /**
     * The store under test; called once before each test. It need not be empty, but it must be
     * usable at once (schema in place) and its operations must be safe to call from many threads.
     */
    protected abstract UserStore newStore();

    @BeforeEach
    void setUpStore() {
        store = newStore();
        users = store.users();
        acme = store.newContributor();
        globex = store.newContributor();
    }

    // ---- round trips -------------------------------------------------------------------------

    @Test
    void storesEveryFieldOfAFullUser() {
        User full = fullUser(user(acme, TestIds.phone(), null, null), User.FIRST_VERSION);

        assertThat(users.insertUnlessIdentityTaken(full, List.of())).isEqualTo(new InsertOutcome.Inserted(full));

        User stored = users.findById(acme, full.id()).orElseThrow();
        assertThat(stored).isEqualTo(full);
        // Email equality ignores case, so check the spelling separately: it must come back as sent.
        assertThat(stored.profile().email().value()).isEqualTo(full.profile().email().value());
    }

    @Test
    void storesAbsentOptionalFieldsAsAbsent() {
        UserProfile minimal = new UserProfile(new PersonName("Bo", "Li"), null, new PhoneNumber(TestIds.phone()),
                CustomFields.NONE, Address.of(null, null, null, "AK", null, null), false, false);
        User user = User.register(TestIds.userId(), acme, minimal, null, TestIds.partnerCode(), REGISTERED);

        users.insertUnlessIdentityTaken(user, List.of());

        User stored = users.findById(acme, user.id()).orElseThrow();
        assertThat(stored).isEqualTo(user);
        assertThat(stored.profile().email()).isNull();
        assertThat(stored.profile().address().addressLine1()).isNull();
        assertThat(stored.profile().address().zip()).isNull();
        assertThat(stored.policy()).isNull();
        assertThat(stored.adminNote()).isNull();
    }

    @Test
    void storesPoliciesWithAndWithoutDates() {
        Policy undated = new Policy(new PolicyNumber("UNDATED-1"), null, null);
        Policy startOnly = new Policy(new PolicyNumber("START-1"), Instant.parse("2024-01-01T00:00:00.007Z"), null);
        Policy endOnly = new Policy(new PolicyNumber("END-1"), null, Instant.parse("2030-12-31T23:59:59.999Z"));

        for (Policy policy : List.of(undated, startOnly, endOnly)) {
            User user = User.register(TestIds.userId(), acme, profile(TestIds.phone(), null), policy,
                    TestIds.partnerCode(), REGISTERED);
            users.insertUnlessIdentityTaken(user, List.of());
            assertThat(users.findById(acme, user.id()).orElseThrow().policy()).isEqualTo(policy);
        }
    }

    @Test
    void keepsTimestampsToTheMillisecond() {
        Instant registered = Instant.parse("1999-12-31T23:59:59.999Z");
        Instant updated = Instant.parse("2000-01-01T00:00:00.001Z");
        Policy policy = new Policy(new PolicyNumber("MS-1"), Instant.parse("2000-01-01T00:00:00.001Z"),
                Instant.parse("2000-01-01T00:00:00.002Z"));
        User base = user(acme, TestIds.phone(), null, null);
        User user = new User(base.id(), acme, base.profile(), policy, null, TosAnswer.NONE, base.partnerCode(),
                registered, updated, false, User.FIRST_VERSION);

        users.insertUnlessIdentityTaken(user, List.of());

        User stored = users.findById(acme, user.id()).orElseThrow();
        assertThat(stored.dateRegistered()).isEqualTo(registered);
        assertThat(stored.updated()).isEqualTo(updated);
        assertThat(stored.policy().startDate()).isEqualTo(policy.startDate());
        assertThat(stored.policy().endDate()).isEqualTo(policy.endDate());
    }

    @Test
    void anUpdateReplacesEveryFieldAndTheVersion() {
        User original = user(acme, TestIds.phone(), TestIds.email(), null);
        users.insertUnlessIdentityTaken(original, List.of());
        User changed = fullUser(original, original.version() + 1);

        assertThat(users.updateUnlessIdentityTaken(changed, 1, List.of()))
                .isEqualTo(new UpdateOutcome.Updated(changed));
        User again = changed.withPolicy(null, changed.updated());
        assertThat(users.updateUnlessIdentityTaken(again, changed.version(), List.of()))
                .isEqualTo(new UpdateOutcome.Updated(again));

        User stored = users.findById(acme, original.id()).orElseThrow();
        assertThat(stored).isEqualTo(again);
        assertThat(stored.version()).isEqualTo(again.version());
        assertThat(stored.profile().email().value()).isEqualTo(again.profile().email().value());
    }

    @Test
    void anUpdateKeepsANewSpellingOfTheSameEmail() {
        User original = user(acme, TestIds.phone(), "Ann." + TestIds.email(), null);
        users.insertUnlessIdentityTaken(original, List.of());
        String upper = original.profile().email().value().toUpperCase();
        User respelled = original.withProfile(profile(original.profile().phone().value(), upper), REGISTERED);

        users.updateUnlessIdentityTaken(respelled, original.version(), List.of());

        assertThat(users.findById(acme, original.id()).orElseThrow().profile().email().value()).isEqualTo(upper);
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(users.findById(acme, TestIds.userId())).isEmpty();
    }

    // ---- identity on insert --------------------------------------------------------------------

    @Test
    void anInsertIsRefusedWhenAnotherUserHoldsThePhone() {
        String phone = TestIds.phone();
        User holder = insert(user(acme, phone, TestIds.email(), null), phoneKey(phone));
        User newcomer = user(acme, phone, TestIds.email(), null);

        InsertOutcome outcome = users.insertUnlessIdentityTaken(newcomer, List.of(phoneKey(phone)));

        assertThat(outcome).isEqualTo(new IdentityTaken(holder, phoneKey(phone)));
        assertThat(users.findById(acme, newcomer.id())).isEmpty();
    }

    @Test
    void anEmailIsHeldWhateverItsCase() {
        String email = "Ann.Smith." + TestIds.email();
        User holder = insert(user(acme, TestIds.phone(), email, null), emailKey(email));
        User newcomer = user(acme, TestIds.phone(), email.toUpperCase(), null);

        InsertOutcome outcome = users.insertUnlessIdentityTaken(newcomer, List.of(emailKey(email.toLowerCase())));

        assertThat(outcome).isInstanceOfSatisfying(IdentityTaken.class,
                taken -> assertThat(taken.holder()).isEqualTo(holder));
        assertThat(users.findById(acme, newcomer.id())).isEmpty();
    }

    @Test
    void aUserWithoutEmailHoldsNoEmail() {
        insert(user(acme, TestIds.phone(), null, null));
        insert(user(acme, TestIds.phone(), null, null));
        String email = TestIds.email();

        assertThat(users.insertUnlessIdentityTaken(user(acme, TestIds.phone(), email, null), List.of(emailKey(email))))
                .isInstanceOf(InsertOutcome.Inserted.class);
    }

    @Test
    void phoneAndPolicyIsHeldOnlyWhenBothMatch() {
        String phone = TestIds.phone();
        User holder = insert(user(acme, phone, null, "POL-1"), phoneAndPolicyKey(phone, "POL-1"));

        User otherPolicy = user(acme, phone, null, "POL-2");
        User otherPhone = user(acme, TestIds.phone(), null, "POL-1");
        User samePolicyOtherCase = user(acme, phone, null, "pol-1");
        User same = user(acme, phone, null, "POL-1");

        assertThat(users.insertUnlessIdentityTaken(otherPolicy, List.of(phoneAndPolicyKey(phone, "POL-2"))))
                .isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(users.insertUnlessIdentityTaken(otherPhone,
                List.of(phoneAndPolicyKey(otherPhone.profile().phone().value(), "POL-1"))))
                .isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(users.insertUnlessIdentityTaken(samePolicyOtherCase, List.of(phoneAndPolicyKey(phone, "pol-1"))))
                .isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(users.insertUnlessIdentityTaken(same, List.of(phoneAndPolicyKey(phone, "POL-1"))))
                .isEqualTo(new IdentityTaken(holder, phoneAndPolicyKey(phone, "POL-1")));
    }

    @Test
    void aPhoneIsHeldByAUserWithAPolicyToo() {
        String phone = TestIds.phone();
        User holder = insert(user(acme, phone, null, "POL-1"));

        assertThat(users.insertUnlessIdentityTaken(user(acme, phone, null, null), List.of(phoneKey(phone))))
                .isEqualTo(new IdentityTaken(holder, phoneKey(phone)));
    }

    /**
     * A phone two users share (each with a policy of its own) is reported as held by the one with
     * the lowest id, as PostgreSQL orders them, whichever of them was inserted or updated last:
     * with returnExistingUserIfExists the same user comes back whatever the store.
     */
    @Test
    void aKeyTwoUsersHoldIsReportedAsTheLowestIdsWhicheverWasWrittenLast() {
        String phone = TestIds.phone();
        User one = user(acme, phone, null, "POL-1");
        User other = user(acme, phone, null, "POL-2");
        boolean oneIsLower = one.id().toString().compareTo(other.id().toString()) < 0;
        User lower = oneIsLower ? one : other;
        User higher = oneIsLower ? other : one;
        insert(higher, phoneAndPolicyKey(phone, higher.policy().number().value()));
        insert(lower, phoneAndPolicyKey(phone, lower.policy().number().value()));
        User lowerUpdated = lower.withPolicy(new Policy(new PolicyNumber("POL-3"), null, null), REGISTERED.plusSeconds(60));
        assertThat(users.updateUnlessIdentityTaken(lowerUpdated, lower.version(), List.of()))
                .isEqualTo(new UpdateOutcome.Updated(lowerUpdated));

        assertThat(users.insertUnlessIdentityTaken(user(acme, phone, null, null), List.of(phoneKey(phone))))
                .isEqualTo(new IdentityTaken(lowerUpdated, phoneKey(phone)));
        assertThat(users.holderOf(acme, phoneKey(phone))).contains(lowerUpdated);
    }

    @Test
    void onlyTheKeysGivenAreChecked() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        insert(user(acme, phone, email, null));

        User samePhoneAndEmail = user(acme, phone, email, "POL-9");

        assertThat(users.insertUnlessIdentityTaken(samePhoneAndEmail, List.of(phoneAndPolicyKey(phone, "POL-9"))))
                .isEqualTo(new InsertOutcome.Inserted(samePhoneAndEmail));
    }

    @Test
    void theFirstKeyHeldInTheOrderGivenIsTheOneReported() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        User phoneHolder = insert(user(acme, phone, null, null));
        User emailHolder = insert(user(acme, TestIds.phone(), email, null));
        User newcomer = user(acme, phone, email, null);

        assertThat(users.insertUnlessIdentityTaken(newcomer, List.of(phoneKey(phone), emailKey(email))))
                .isEqualTo(new IdentityTaken(phoneHolder, phoneKey(phone)));
        assertThat(users.insertUnlessIdentityTaken(newcomer, List.of(emailKey(email), phoneKey(phone))))
                .isEqualTo(new IdentityTaken(emailHolder, emailKey(email)));
        assertThat(users.findById(acme, newcomer.id())).isEmpty();
    }

    // ---- partner codes -------------------------------------------------------------------------

    @Test
    void aPartnerCodeIsUniqueWithinAContributor() {
        PartnerCode code = TestIds.partnerCode();
        insert(user(acme, TestIds.phone(), null, null).withPartnerCode(code));
        User clash = user(acme, TestIds.phone(), null, null).withPartnerCode(code);

        assertThat(users.insertUnlessIdentityTaken(clash, List.of(phoneKey(clash.profile().phone().value()))))
                .isEqualTo(new InsertOutcome.PartnerCodeTaken());
        assertThat(users.findById(acme, clash.id())).isEmpty();
    }

    @Test
    void anotherContributorMayHaveTheSamePartnerCode() {
        PartnerCode code = TestIds.partnerCode();
        insert(user(acme, TestIds.phone(), null, null).withPartnerCode(code));
        User elsewhere = user(globex, TestIds.phone(), null, null).withPartnerCode(code);

        assertThat(users.insertUnlessIdentityTaken(elsewhere, List.of()))
                .isEqualTo(new InsertOutcome.Inserted(elsewhere));
    }

    // ---- tenant isolation ----------------------------------------------------------------------

    @Test
    void anotherContributorCannotFindTheUser() {
        User user = insert(user(acme, TestIds.phone(), null, null));

        assertThat(users.findById(globex, user.id())).isEmpty();
        assertThat(users.findById(acme, user.id())).contains(user);
    }

    @Test
    void identityKeysOfAnotherContributorNeverConflict() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        List<IdentityKey> allKeys = List.of(phoneKey(phone), emailKey(email), phoneAndPolicyKey(phone, "POL-1"));
        insert(user(acme, phone, email, "POL-1"), allKeys.toArray(IdentityKey[]::new));
        User twin = user(globex, phone, email, "POL-1");

        assertThat(users.insertUnlessIdentityTaken(twin, allKeys)).isEqualTo(new InsertOutcome.Inserted(twin));
    }

    @Test
    void anUpdateMayClaimKeysHeldOnlyByAnotherContributor() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        insert(user(acme, phone, email, null));
        User user = insert(user(globex, TestIds.phone(), null, null));
        User claiming = user.withProfile(profile(phone, email), REGISTERED);

        assertThat(users.updateUnlessIdentityTaken(claiming, user.version(), List.of(phoneKey(phone), emailKey(email))))
                .isEqualTo(new UpdateOutcome.Updated(claiming));
    }

    @Test
    void anUpdateCannotReachAnotherContributorsUser() {
        User user = insert(user(acme, TestIds.phone(), null, null));
        User hijack = new User(user.id(), globex, user.profile(), user.policy(), "mine now", user.tosAnswer(),
                user.partnerCode(), user.dateRegistered(), user.updated(), true, user.version() + 1);

        assertThat(users.updateUnlessIdentityTaken(hijack, user.version(), List.of()))
                .isEqualTo(new UpdateOutcome.NotFound());
        assertThat(users.findById(acme, user.id())).contains(user);
        assertThat(users.findById(globex, user.id())).isEmpty();
    }

    // ---- identity on update --------------------------------------------------------------------

    @Test
    void anUpdateIsRefusedWhenAnotherUserHoldsAClaimedKeyAndWritesNothing() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        User phoneHolder = insert(user(acme, phone, null, null));
        User emailHolder = insert(user(acme, TestIds.phone(), email, null));
        User user = insert(user(acme, TestIds.phone(), TestIds.email(), null));
        User changed = user.withProfile(profile(phone, email), REGISTERED);

        assertThat(users.updateUnlessIdentityTaken(changed, user.version(), List.of(phoneKey(phone), emailKey(email))))
                .isEqualTo(new IdentityTaken(phoneHolder, phoneKey(phone)));
        assertThat(users.updateUnlessIdentityTaken(changed, user.version(), List.of(emailKey(email), phoneKey(phone))))
                .isEqualTo(new IdentityTaken(emailHolder, emailKey(email)));
        assertThat(users.findById(acme, user.id())).contains(user);
    }

    @Test
    void anUpdatesClaimsDoNotConflictWithTheUserItself() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        User user = insert(user(acme, phone, email, "POL-1"));
        User changed = user.withProfile(profile(phone, email.toUpperCase()), REGISTERED);

        assertThat(users.updateUnlessIdentityTaken(changed, user.version(),
                List.of(phoneKey(phone), emailKey(email), phoneAndPolicyKey(phone, "POL-1"))))
                .isEqualTo(new UpdateOutcome.Updated(changed));
    }

    // ---- optimistic concurrency ----------------------------------------------------------------

    @Test
    void aStaleVersionIsAConflictAndWritesNothing() {
        User user = insert(user(acme, TestIds.phone(), null, null));
        User first = user.withPolicy(new Policy(new PolicyNumber("FIRST"), null, null), REGISTERED);
        users.updateUnlessIdentityTaken(first, user.version(), List.of());
        User basedOnStale = user.withPolicy(new Policy(new PolicyNumber("STALE"), null, null), REGISTERED);

        assertThat(users.updateUnlessIdentityTaken(basedOnStale, user.version(), List.of()))
                .isEqualTo(new UpdateOutcome.VersionConflict());
        assertThat(users.findById(acme, user.id())).contains(first);
    }

    @Test
    void updatingAnUnknownUserIsNotFound() {
        User neverStored = user(acme, TestIds.phone(), null, null);

        assertThat(users.updateUnlessIdentityTaken(neverStored.withPolicy(null, REGISTERED), 1, List.of()))
                .isEqualTo(new UpdateOutcome.NotFound());
        assertThat(users.findById(acme, neverStored.id())).isEmpty();
    }

    // ---- erasure --------------------------------------------------------------------------------

    @Test
    void anErasureRemovesTheUserFreesItsKeysAndLeavesATombstoneInTheFeed() {
        String phone = TestIds.phone();
        User user = insert(user(acme, phone, null, null), phoneKey(phone));

        assertThat(users.delete(acme, user.id(), user.version(), REGISTERED.plusSeconds(60)))
                .isEqualTo(DeleteOutcome.DELETED);
        assertThat(users.findById(acme, user.id())).isEmpty();
        assertThat(users.holderOf(acme, phoneKey(phone))).isEmpty();
        assertThat(users.changes(acme, new UserFilter(null, null, null, null, null, true), 0, 10))
                .singleElement().isInstanceOfSatisfying(UserChange.Erased.class,
                        erased -> assertThat(erased.tombstone().id()).isEqualTo(user.id()));
    }

    @Test
    void anErasureAtAStaleVersionIsAConflictAndWritesNothing() {
        User user = insert(user(acme, TestIds.phone(), null, null));
        User changed = user.withPolicy(new Policy(new PolicyNumber("NEWER"), null, null), REGISTERED);
        users.updateUnlessIdentityTaken(changed, user.version(), List.of());
        User current = users.findById(acme, user.id()).orElseThrow();

        assertThat(users.delete(acme, user.id(), user.version(), REGISTERED.plusSeconds(60)))
                .isEqualTo(DeleteOutcome.VERSION_CONFLICT);
        assertThat(users.findById(acme, user.id())).contains(current);
        assertThat(users.changes(acme, new UserFilter(null, null, null, null, null, true), 0, 10))
                .singleElement().isInstanceOf(UserChange.Present.class);
    }

    @Test
    void anErasureOfAnotherContributorsOrAnUnknownUserIsNotFoundAndWritesNothing() {
        User user = insert(user(acme, TestIds.phone(), null, null));
        User neverStored = user(acme, TestIds.phone(), null, null);

        assertThat(users.delete(globex, user.id(), user.version(), REGISTERED.plusSeconds(60)))
                .isEqualTo(DeleteOutcome.NOT_FOUND);
        assertThat(users.delete(acme, neverStored.id(), 1, REGISTERED.plusSeconds(60)))
                .isEqualTo(DeleteOutcome.NOT_FOUND);
        assertThat(users.findById(acme, user.id())).contains(user);
        assertThat(users.changes(globex, new UserFilter(null, null, null, null, null, true), 0, 10)).isEmpty();
    }

    // ---- races ---------------------------------------------------------------------------------

    @Test
    void concurrentInsertsOfOnePhoneLeaveExactlyOneUser() {
        String phone = TestIds.phone();

        assertOneWinner(raceInserts(i -> user(acme, phone, null, null), user -> List.of(phoneKey(phone))));
    }

    @Test
    void concurrentInsertsOfOneEmailSpelledDifferentlyLeaveExactlyOneUser() {
        String email = "Race." + TestIds.email();

        assertOneWinner(raceInserts(i -> user(acme, TestIds.phone(), i % 2 == 0 ? email.toUpperCase() : email, null),
                user -> List.of(emailKey(user.profile().email().value()))));
    }

    @Test
    void concurrentInsertsOfOnePhoneAndPolicyLeaveExactlyOneUser() {
        String phone = TestIds.phone();

        assertOneWinner(raceInserts(i -> user(acme, phone, null, "RACE-1"),
                user -> List.of(phoneAndPolicyKey(phone, "RACE-1"))));
    }

    @Test
    void concurrentUpdatesFromOneVersionLandExactlyOnce() {
        User user = insert(user(acme, TestIds.phone(), null, null));
        List<User> attempts = IntStream.range(0, RACERS)
                .mapToObj(i -> user.withPolicy(new Policy(new PolicyNumber("ATTEMPT-" + i), null, null), REGISTERED))
                .toList();

        List<UpdateOutcome> outcomes = Race.run(RACERS,
                i -> users.updateUnlessIdentityTaken(attempts.get(i), user.version(), List.of()));

        List<UpdateOutcome> updated = outcomes.stream().filter(o -> o instanceof UpdateOutcome.Updated).toList();
        assertThat(updated).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof UpdateOutcome.VersionConflict).hasSize(RACERS - 1);
        User winner = ((UpdateOutcome.Updated) updated.get(0)).user();
        assertThat(users.findById(acme, user.id())).contains(winner);
        assertThat(winner.version()).isEqualTo(user.version() + 1);
    }

    @Test
    void concurrentUpdatesOfDifferentUsersOntoOnePhoneLetExactlyOneThrough() {
        String phone = TestIds.phone();
        List<User> stored = IntStream.range(0, RACERS).mapToObj(i -> insert(user(acme, TestIds.phone(), null, null)))
                .toList();

        List<UpdateOutcome> outcomes = Race.run(RACERS, i -> {
            User user = stored.get(i);
            return users.updateUnlessIdentityTaken(user.withProfile(profile(phone, null), REGISTERED),
                    user.version(), List.of(phoneKey(phone)));
        });

        assertThat(outcomes).filteredOn(o -> o instanceof UpdateOutcome.Updated).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof IdentityTaken).hasSize(RACERS - 1);
        long holders = stored.stream().map(u -> users.findById(acme, u.id()).orElseThrow())
                .filter(u -> u.profile().phone().value().equals(phone)).count();
        assertThat(holders).isEqualTo(1);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private List<InsertOutcome> raceInserts(Function<Integer, User> contender,
                                            Function<User, List<IdentityKey>> keys) {
        List<User> contenders = IntStream.range(0, RACERS).mapToObj(contender::apply).toList();
        return Race.run(RACERS, i -> users.insertUnlessIdentityTaken(contenders.get(i), keys.apply(contenders.get(i))));
    }

    private void assertOneWinner(List<InsertOutcome> outcomes) {
        List<User> inserted = outcomes.stream().filter(o -> o instanceof InsertOutcome.Inserted)
                .map(o -> ((InsertOutcome.Inserted) o).user()).toList();
        assertThat(inserted).hasSize(1);
        User winner = inserted.get(0);
        assertThat(outcomes).filteredOn(o -> o instanceof IdentityTaken).hasSize(RACERS - 1)
                .allSatisfy(o -> assertThat(((IdentityTaken) o).holder()).isEqualTo(winner));
        assertThat(users.findById(acme, winner.id())).contains(winner);
    }

    private User insert(User user, IdentityKey... keys) {
        InsertOutcome outcome = users.insertUnlessIdentityTaken(user, List.of(keys));
        assertThat(outcome).as("setting up %s", user).isEqualTo(new InsertOutcome.Inserted(user));
        return user;
    }

    static IdentityKey phoneKey(String phone) {
        return new IdentityKey.Phone(new PhoneNumber(phone));
    }

    static IdentityKey emailKey(String email) {
        return new IdentityKey.Email(new EmailAddress(email));
    }

    static IdentityKey phoneAndPolicyKey(String phone, String policyNumber) {
        return new IdentityKey.PhoneAndPolicy(new PhoneNumber(phone), new PolicyNumber(policyNumber));
    }

    static UserProfile profile(String phone, String email) {
        return new UserProfile(new PersonName("Ann", "Smith"), email == null ? null : new EmailAddress(email),
                new PhoneNumber(phone), CustomFields.NONE, Address.of("1 Main St", null, "Springfield", "IL", null,
                "62701"), false, false);
    }

    static User user(ContributorId contributor, String phone, String email, String policyNumber) {
        Policy policy = policyNumber == null ? null : new Policy(new PolicyNumber(policyNumber), null, null);
        return User.register(TestIds.userId(), contributor, profile(phone, email), policy, TestIds.partnerCode(),
                REGISTERED);
    }

    /**
     * {@code base} with every field but id, contributor, partner code and registration time set
     * to something other than its default, at {@code version}.
     */
    static User fullUser(User base, long version) {
        UserProfile profile = new UserProfile(new PersonName("Zoë", "O'Brien-Ñúñez"),
                new EmailAddress("Zoe.OBrien+" + TestIds.email()), new PhoneNumber(TestIds.phone()),
                new CustomFields("one", "two", "three", "four", "five \uD83D\uDE00"),
                Address.of("1600 Pennsylvania Ave NW", "West Wing", "Washington", "DC", "US", "20500-0003"),
                true, true);
        Policy policy = new Policy(new PolicyNumber("POL-ABC-123"), Instant.parse("2024-01-01T00:00:00.000Z"),
                Instant.parse("2025-01-01T00:00:00.500Z"));
        return new User(base.id(), base.contributor(), profile, policy, "called twice, prefers email",
                TosAnswer.ACCEPTED, base.partnerCode(), base.dateRegistered(),
                base.dateRegistered().plusMillis(86_400_123L * version), true, version);
    }
}
