package dev.enroll.application.service;

import static dev.enroll.application.service.UserPatchBuilder.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.CreateUserWithPolicyCommand;
import dev.enroll.application.port.in.DeleteUserCommand;
import dev.enroll.application.port.in.GetUserQuery;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.ListUsersQuery;
import dev.enroll.application.port.in.Patch;
import dev.enroll.application.port.in.PreconditionFailedException;
import dev.enroll.application.port.in.UpdatePolicyCommand;
import dev.enroll.application.port.in.UpdateUserCommand;
import dev.enroll.application.port.in.UserAlreadyExistsException;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.in.UserNotFoundException;
import dev.enroll.application.port.in.UserPage;
import dev.enroll.application.port.in.UserPatch;
import dev.enroll.application.port.in.VersionCondition;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.testing.MutableClock;
import dev.enroll.application.testing.Race;
import dev.enroll.application.testing.SyncingClient;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UnusedIdempotencyStore;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.Violation;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A partner's whole book, on a real store through the real services: the partner's own key
 * (externalUserId), erasure, the change feed with its filters and cursor, the sync guarantee
 * under concurrent writers, and version conditions (If-Match). A store adapter subclasses this.
 * Each test works in contributors of its own, so a store shared with other tests does not matter.
 */
public abstract class UserBookScenarios {

    private static final int RACERS = 20;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00.000Z"));

    private UserRepository users;
    private ContributorId acme;
    private ContributorId globex;
    private CreateUserService create;
    private CreateUserWithPolicyService createWithPolicy;
    private UpdateUserService update;
    private UpdatePolicyService updatePolicy;
    private GetUserService get;
    private DeleteUserService delete;
    private ListUsersService list;
    private final ForgottenAnswers forgotten = new ForgottenAnswers();

    /** The store under test; called once before each test. It need not be empty. */
    protected abstract UserStore newStore();

    @BeforeEach
    void setUpServices() {
        UserStore store = newStore();
        users = store.users();
        acme = store.newContributor();
        globex = store.newContributor();
        create = new CreateUserService(users, TestIds::userId, TestIds::partnerCode, clock);
        createWithPolicy = new CreateUserWithPolicyService(users, TestIds::userId,
                TestIds::partnerCode, contributor -> false, clock);
        update = new UpdateUserService(users, clock);
        updatePolicy = new UpdatePolicyService(users, contributor -> false, clock);
        get = new GetUserService(users);
        delete = new DeleteUserService(users, forgotten, clock);
        list = new ListUsersService(users, TestIds.serverSecret());
    }

    // ---- externalUserId --------------------------------------------------------------------------

    @Test
    void theExternalUserIdIsKeptExactlyAndAnotherUserOfThePartnerCannotTakeIt() {
        String key = "CRM-" + TestIds.phone() + " é/#";
        User ann = create(acme, input(TestIds.phone(), key));

        assertThat(get(acme, ann).profile().externalUserId().value()).isEqualTo(key);
        assertThatThrownBy(() -> create(acme, input(TestIds.phone(), key)))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("externalUserId");
        assertThatThrownBy(() -> createWithPolicy(acme, input(TestIds.phone(), key), false))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("externalUserId");
        // Compared exactly: another case is another key.
        assertThat(create(acme, input(TestIds.phone(), key.toLowerCase())).id()).isNotEqualTo(ann.id());
    }

    @Test
    void anotherPartnerMayUseTheSameExternalUserId() {
        String key = "CRM-" + TestIds.phone();
        User ann = create(acme, input(TestIds.phone(), key));

        User other = create(globex, input(TestIds.phone(), key));

        assertThat(other.id()).isNotEqualTo(ann.id());
    }

    @Test
    void anExternalUserIdMustBePrintableAndAtMost128Characters() {
        for (String bad : List.of("", "a".repeat(129), "tab\there", "zero\u200Bwidth")) {
            InvalidInputException refused = catchThrowableOfType(() -> create(acme, input(TestIds.phone(), bad)),
                    InvalidInputException.class);
            assertThat(refused).as(bad).isNotNull();
            assertThat(refused.violations()).extracting(Violation::field).containsExactly("externalUserId");
        }
        assertThat(create(acme, input(TestIds.phone(), "é".repeat(128))).profile().externalUserId()).isNotNull();
    }

    @Test
    void returnExistingWithATakenExternalUserIdAnswersItsHolderUnchanged() {
        String key = "CRM-" + TestIds.phone();
        User ann = create(acme, input(TestIds.phone(), key));

        CreateUserResult again = create.create(new CreateUserCommand(acme, input(TestIds.phone(), key), true));
        CreateUserResult withPolicy = createWithPolicy(acme, input(TestIds.phone(), key), true);

        assertThat(again.created()).isFalse();
        assertThat(again.user()).isEqualTo(ann);
        assertThat(withPolicy.user()).isEqualTo(ann);
    }

    @Test
    void returnExistingIsAConflictWhenTheKeysPointAtDifferentUsers() {
        String key = "CRM-" + TestIds.phone();
        String bobsPhone = TestIds.phone();
        create(acme, input(TestIds.phone(), key));
        create(acme, input(bobsPhone, null));

        assertThatThrownBy(() -> create.create(new CreateUserCommand(acme, input(bobsPhone, key), true)))
                .isInstanceOf(UserAlreadyExistsException.class)
                .hasMessageContaining("externalUserId").hasMessageContaining("phone");
    }

    @Test
    void returnExistingAnswersTheHolderWhenItHoldsEveryTakenKey() {
        String key = "CRM-" + TestIds.phone();
        String phone = TestIds.phone();
        User ann = create(acme, input(phone, key));

        assertThat(create.create(new CreateUserCommand(acme, input(phone, key), true)).user()).isEqualTo(ann);
    }

    @Test
    void anUpdateMayNotTakeAnotherUsersExternalUserIdAndNullClearsAndFreesIt() {
        String key = "CRM-" + TestIds.phone();
        User ann = create(acme, input(TestIds.phone(), key));
        User bob = create(acme, input(TestIds.phone(), null));

        assertThatThrownBy(() -> update(bob, UserPatch.NONE, key))
                .isInstanceOf(UserAlreadyExistsException.class).hasMessageContaining("externalUserId");
        assertThat(get(acme, bob)).isEqualTo(bob);

        User cleared = update.update(new UpdateUserCommand(acme, ann.id().toString(), withExternal(Patch.clear())));
        assertThat(cleared.profile().externalUserId()).isNull();
        assertThat(update(bob, UserPatch.NONE, key).profile().externalUserId().value()).isEqualTo(key);
    }

    @Test
    void concurrentCreatesOfOneExternalUserIdLeaveExactlyOneUser() {
        String key = "CRM-" + TestIds.phone();

        List<Object> outcomes = Race.<Object>run(RACERS, i -> {
            try {
                return create(acme, input(TestIds.phone(), key));
            } catch (UserAlreadyExistsException e) {
                return e;
            }
        });

        assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(UserAlreadyExistsException.class::isInstance).hasSize(RACERS - 1);
    }

    // ---- erasure ---------------------------------------------------------------------------------

    @Test
    void anErasedUserIsGoneEverywhereAndItsIdentitiesAreFree() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        String key = "CRM-" + phone;
        User ann = create(acme, input(phone, email, key));

        delete.delete(new DeleteUserCommand(acme, ann.id().toString(), VersionCondition.NONE));

        String id = ann.id().toString();
        assertThatThrownBy(() -> get(acme, ann)).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> update.update(new UpdateUserCommand(acme, id, patch().firstName("X").build())))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> updatePolicy.updatePolicy(new UpdatePolicyCommand(acme, id, Inputs.policy("P-1"))))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> delete.delete(new DeleteUserCommand(acme, id, VersionCondition.NONE)))
                .isInstanceOf(UserNotFoundException.class);
        User newcomer = create(acme, input(phone, email.toUpperCase(), key));
        assertThat(newcomer.id()).isNotEqualTo(ann.id());
    }

    @Test
    void anErasureForgetsTheAnswersKeptAboutTheUserAgainWhenARetryFindsThemGoneButNotWhenRefused() {
        User ann = create(acme, input(TestIds.phone(), null));
        User bob = create(acme, input(TestIds.phone(), null));
        String annId = ann.id().toString();

        delete.delete(new DeleteUserCommand(acme, annId, VersionCondition.NONE));
        assertThatThrownBy(() -> delete.delete(new DeleteUserCommand(acme, annId, VersionCondition.NONE)))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> delete.delete(new DeleteUserCommand(acme, "not-an-id", VersionCondition.NONE)))
                .isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> delete.delete(new DeleteUserCommand(acme, bob.id().toString(),
                VersionCondition.oneOf(Set.of(bob.version() + 1))))).isInstanceOf(PreconditionFailedException.class);

        assertThat(forgotten.users).containsExactly(acme + "/" + annId, acme + "/" + annId);
    }

    /** Which users' kept answers were forgotten; an erasure uses nothing else of the idempotency store. */
    private static final class ForgottenAnswers extends UnusedIdempotencyStore {
        private final List<String> users = new CopyOnWriteArrayList<>();

        @Override
        public void forget(ContributorId partner, UserId user) {
            users.add(partner + "/" + user);
        }
    }

    @Test
    void anotherPartnersUserCannotBeErased() {
        User ann = create(acme, input(TestIds.phone(), null));

        assertThatThrownBy(() -> delete.delete(new DeleteUserCommand(globex, ann.id().toString(),
                VersionCondition.NONE))).isInstanceOf(UserNotFoundException.class);
        assertThatThrownBy(() -> delete.delete(new DeleteUserCommand(acme, "not-an-id", VersionCondition.NONE)))
                .isInstanceOf(UserNotFoundException.class);
        assertThat(get(acme, ann)).isEqualTo(ann);
    }

    // ---- version conditions (If-Match) -----------------------------------------------------------

    @Test
    void aWriteConditionalOnAnOldVersionIsRefusedAndWritesNothing() {
        User ann = create(acme, input(TestIds.phone(), null));
        User changed = update(ann, patch().firstName("Anna").build(), null);
        VersionCondition stale = VersionCondition.oneOf(Set.of(ann.version()));
        String id = ann.id().toString();

        assertThatThrownBy(() -> update.update(new UpdateUserCommand(acme, id, patch().firstName("B").build(), stale)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> updatePolicy.updatePolicy(new UpdatePolicyCommand(acme, id, Inputs.policy("P-9"),
                stale))).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> delete.delete(new DeleteUserCommand(acme, id, stale)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(get(acme, ann)).isEqualTo(changed);
    }

    @Test
    void aWriteConditionalOnTheCurrentVersionAmongOthersGoesThrough() {
        User ann = create(acme, input(TestIds.phone(), null));
        VersionCondition current = VersionCondition.oneOf(Set.of(99L, ann.version()));

        User renamed = update.update(new UpdateUserCommand(acme, ann.id().toString(), patch().firstName("Anna").build(),
                current));
        delete.delete(new DeleteUserCommand(acme, ann.id().toString(), VersionCondition.oneOf(Set.of(renamed.version()))));

        assertThat(renamed.profile().name().first()).isEqualTo("Anna");
        assertThatThrownBy(() -> get(acme, ann)).isInstanceOf(UserNotFoundException.class);
    }

    // ---- the list --------------------------------------------------------------------------------

    @Test
    void usersComeInTheOrderOfTheirLastChangePageByPage() {
        List<User> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(acme, input(TestIds.phone(), null)));
        }
        User first = created.get(0);
        User renamed = update(first, patch().firstName("Later").build(), null);

        UserPage one = list(acme, "2", null);
        UserPage two = list(acme, "2", one.nextCursor());
        UserPage three = list(acme, "2", two.nextCursor());

        assertThat(ids(one)).containsExactly(created.get(1).id(), created.get(2).id());
        assertThat(ids(two)).containsExactly(created.get(3).id(), created.get(4).id());
        assertThat(ids(three)).containsExactly(first.id());
        assertThat(three.nextCursor()).isNull();
        assertThat(((UserChange.Present) three.changes().get(0)).user()).isEqualTo(renamed);
    }

    @Test
    void aFullLastPageHasNoNextCursorAndAnEmptyListIsOnePage() {
        create(acme, input(TestIds.phone(), null));
        create(acme, input(TestIds.phone(), null));

        assertThat(list(acme, "2", null).nextCursor()).isNull();
        assertThat(list(globex, null, null).changes()).isEmpty();
        assertThat(list(globex, null, null).nextCursor()).isNull();
    }

    @Test
    void theDefaultPageHoldsFiftyUsers() {
        for (int i = 0; i < 51; i++) {
            create(acme, input(TestIds.phone(), null));
        }

        UserPage page = list(acme, null, null);

        assertThat(page.changes()).hasSize(ListUsersService.DEFAULT_LIMIT);
        assertThat(list(acme, null, page.nextCursor()).changes()).hasSize(1);
    }

    @Test
    void eachFilterFindsExactlyTheUsersItNamesAndFiltersCombine() {
        String phone = TestIds.phone();
        String email = "Ann." + TestIds.email();
        User ann = create(acme, input(phone, email, "CRM-" + phone));
        User annWithPolicy = createWithPolicy(acme, input(phone, null), "POL-" + phone, false).user();
        create(acme, input(TestIds.phone(), TestIds.email(), "CRM-" + TestIds.phone()));
        clock.advance(Duration.ofSeconds(60));
        User late = create(acme, input(TestIds.phone(), null));

        assertThat(ids(find(acme, "email", email.toUpperCase()))).containsExactly(ann.id());
        assertThat(ids(find(acme, "phone", phone))).containsExactly(ann.id(), annWithPolicy.id());
        assertThat(ids(find(acme, "externalUserId", "CRM-" + phone))).containsExactly(ann.id());
        assertThat(ids(find(acme, "policyNumber", "POL-" + phone))).containsExactly(annWithPolicy.id());
        assertThat(ids(find(acme, "updatedSince", late.updated().toString()))).containsExactly(late.id());
        assertThat(ids(list.list(new ListUsersQuery(acme, null, null, null, phone, "CRM-" + phone, null, null,
                null)))).containsExactly(ann.id());
        assertThat(ids(find(globex, "phone", phone))).isEmpty();
    }

    @Test
    void tombstonesAreListedOnlyWhenAskedForAndNeverByIdentity() {
        String phone = TestIds.phone();
        User ann = create(acme, input(phone, null, "CRM-" + phone));
        User bob = create(acme, input(TestIds.phone(), null));
        clock.advance(Duration.ofSeconds(5));
        Instant erasedAt = clock.instant();
        delete.delete(new DeleteUserCommand(acme, ann.id().toString(), VersionCondition.NONE));

        UserPage withDeleted = list.list(new ListUsersQuery(acme, null, null, null, null, null, null,
                erasedAt.toString(), "true"));
        UserPage all = list.list(new ListUsersQuery(acme, null, null, null, null, null, null, null, "true"));

        assertThat(ids(list(acme, null, null))).containsExactly(bob.id());
        assertThat(withDeleted.changes()).singleElement().isInstanceOfSatisfying(UserChange.Erased.class,
                erased -> {
                    assertThat(erased.tombstone().id()).isEqualTo(ann.id());
                    assertThat(erased.tombstone().deleted()).isEqualTo(erasedAt);
                });
        assertThat(ids(all)).containsExactly(bob.id(), ann.id());
        assertThat(list.list(new ListUsersQuery(acme, null, null, null, phone, null, null, null, "true"))
                .changes()).isEmpty();
    }

    @Test
    void badParametersAreRefusedEachNamed() {
        String foreign = pageCursor(globex);

        InvalidInputException refused = catchThrowableOfType(() -> list.list(new ListUsersQuery(acme, "0", "%%%",
                "not-an-email", "555", "", " ", "yesterday", "yes")), InvalidInputException.class);

        assertThat(refused.violations()).extracting(Violation::field).containsExactlyInAnyOrder("limit", "cursor",
                "email", "phone", "externalUserId", "policyNumber", "updatedSince", "includeDeleted");
        // One spelling per number, as for every other value: no sign, no leading zeros.
        for (String limit : List.of("201", "-1", "1.5", "abc", "0050000", "05", "050", "0050", "+5", " 5")) {
            assertThat(catchThrowableOfType(() -> list(acme, limit, null), InvalidInputException.class)
                    .violations()).extracting(Violation::field).containsExactly("limit");
        }
        for (String cursor : List.of(foreign, "bm9wZQ", "MTotMTph", "")) {
            assertThat(catchThrowableOfType(() -> list(acme, null, cursor), InvalidInputException.class)
                    .violations()).as(cursor).extracting(Violation::field).containsExactly("cursor");
        }
        assertThat(list(acme, "200", null).changes()).isEmpty();
    }

    /**
     * The sync guarantee: a client that pages to the end, then starts again from its last
     * cursor, sees the latest state of every user at least once, though writers change users
     * all the while. A feed that listed a number while a lower one was still being written would
     * let a change that commits late slip in behind a cursor already past it.
     */
    @Test
    void aClientPagingWhileWritersChangeUsersSeesEveryUsersLatestState() throws Exception {
        int userCount = 40;
        List<User> book = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            book.add(create(acme, input(TestIds.phone(), null)));
        }
        SyncingClient client = new SyncingClient(list, acme, 7);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch someWritesDone = new CountDownLatch(20);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                int n = 0;
                while (writing.get()) {
                    User target = book.get((writer * 7 + n++ * 3) % userCount);
                    update.update(new UpdateUserCommand(acme, target.id().toString(),
                            patch().firstName("W" + writer + "-" + n).build()));
                    someWritesDone.countDown();
                }
                return null;
            }));
        }
        try {
            assertThat(someWritesDone.await(30, TimeUnit.SECONDS)).isTrue();
            for (int pass = 0; pass < 3; pass++) {
                client.pageToTheEnd();
            }
        } finally {
            writing.set(false);
            for (Future<?> future : running) {
                future.get(30, TimeUnit.SECONDS);
            }
            writers.shutdown();
        }
        client.pageToTheEnd();

        for (User user : book) {
            assertThat(client.seen().get(user.id())).as("latest version of " + user.id() + " seen")
                    .isEqualTo(get(acme, user).version());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private String pageCursor(ContributorId contributor) {
        create(contributor, input(TestIds.phone(), null));
        create(contributor, input(TestIds.phone(), null));
        return list(contributor, "1", null).nextCursor();
    }

    private UserPage list(ContributorId contributor, String limit, String cursor) {
        return list.list(new ListUsersQuery(contributor, limit, cursor, null, null, null, null, null, null));
    }

    private UserPage find(ContributorId contributor, String parameter, String value) {
        Map<String, String> p = new HashMap<>();
        p.put(parameter, value);
        return list.list(new ListUsersQuery(contributor, null, null, p.get("email"), p.get("phone"),
                p.get("externalUserId"), p.get("policyNumber"), p.get("updatedSince"), null));
    }

    private static List<UserId> ids(UserPage page) {
        return page.changes().stream().map(c -> c instanceof UserChange.Present present ? present.user().id()
                : ((UserChange.Erased) c).tombstone().id()).toList();
    }

    private static UserInput input(String phone, String externalUserId) {
        return input(phone, null, externalUserId);
    }

    private static UserInput input(String phone, String email, String externalUserId) {
        AddressInput address = Inputs.ADDRESS;
        return new UserInput("Ann", "Smith", email, phone, null, null, null, null, null, null, null, address,
                externalUserId);
    }

    private User create(ContributorId contributor, UserInput input) {
        return create.create(new CreateUserCommand(contributor, input, false)).user();
    }

    private CreateUserResult createWithPolicy(ContributorId contributor, UserInput input, boolean returnExisting) {
        return createWithPolicy(contributor, input, "POL-" + TestIds.phone(), returnExisting);
    }

    private CreateUserResult createWithPolicy(ContributorId contributor, UserInput input, String policyNumber,
                                              boolean returnExisting) {
        return createWithPolicy.createWithPolicy(new CreateUserWithPolicyCommand(contributor, input,
                Inputs.policy(policyNumber), returnExisting));
    }

    private User get(ContributorId contributor, User user) {
        return get.get(new GetUserQuery(contributor, user.id().toString()));
    }

    /** {@code user} with {@code patch}, and its externalUserId set to {@code key} when not null. */
    private User update(User user, UserPatch patch, String key) {
        UserPatch withKey = key == null ? patch : withExternal(Patch.set(key), patch);
        return update.update(new UpdateUserCommand(user.contributor(), user.id().toString(), withKey));
    }

    private static UserPatch withExternal(Patch<String> key) {
        return withExternal(key, UserPatch.NONE);
    }

    private static UserPatch withExternal(Patch<String> key, UserPatch p) {
        return new UserPatch(p.firstName(), p.lastName(), p.email(), p.phone(), p.emailVerified(),
                p.phoneVerified(), p.customField1(), p.customField2(), p.customField3(), p.customField4(),
                p.customField5(), p.address(), key);
    }
}
