package dev.enroll.application.port.out;

import static dev.enroll.application.port.out.UserRepositoryContract.emailKey;
import static dev.enroll.application.port.out.UserRepositoryContract.fullUser;
import static dev.enroll.application.port.out.UserRepositoryContract.phoneAndPolicyKey;
import static dev.enroll.application.port.out.UserRepositoryContract.phoneKey;
import static dev.enroll.application.port.out.UserRepositoryContract.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.application.testing.Race;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.ExternalUserId;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.User;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserImportStore} must do: a chunk obeys the identity rules of single creates
 * as if its rows were created one after the other, against stored users, earlier rows and racing
 * single creates. Runs on each store next to {@link UserRepositoryContract}.
 */
public abstract class UserImportStoreContract {

    private static final PartnerCodeGenerator CODES = TestIds::partnerCode;

    private UserStore store;
    private UserRepository users;
    private UserImportStore imports;
    private ContributorId acme;

    /** The stores under test: the user store and the import store over the same users. */
    public record Stores(UserStore users, UserImportStore imports) {
    }

    protected abstract Stores newStores();

    @BeforeEach
    void setUpStores() {
        Stores stores = newStores();
        store = stores.users();
        users = store.users();
        imports = stores.imports();
        acme = store.newContributor();
    }

    @Test
    void aChunkInsertsItsUsersAsTheyAreAndTheyReadBackExactly() {
        User full = fullUser(user(acme, TestIds.phone(), null, null), User.FIRST_VERSION);
        String phone = TestIds.phone();
        User plain = user(acme, phone, null, null);

        List<ChunkOutcome.RowOutcome> outcomes = write(false, candidate(full, List.of()),
                candidate(plain, List.of(phoneKey(phone))));

        assertThat(outcomes).containsExactly(new ChunkOutcome.Inserted(full.id()), new ChunkOutcome.Inserted(plain.id()));
        assertThat(users.findById(acme, full.id())).contains(full);
        assertThat(users.findById(acme, plain.id())).contains(plain);
    }

    @Test
    void rowsAreSettledInOrderAgainstTheRowsBeforeThemThatWentIn() {
        String p1 = TestIds.phone();
        String p2 = TestIds.phone();
        String p3 = TestIds.phone();
        String e1 = TestIds.email();
        String e2 = TestIds.email();
        User a = user(acme, p1, e1, null);
        User sameEmailInCapitals = user(acme, p2, e1.toUpperCase(Locale.ROOT), null);
        // Its phone was claimed only by the row refused just before it: it goes in.
        User chained = user(acme, p2, e2, null);
        User policyOnAsPhone = user(acme, p1, null, "POL-1");
        User samePolicy = user(acme, p1, TestIds.email(), "POL-1");
        User plainOnPoliciesPhone = user(acme, p3, null, "POL-2");
        User plainAfter = user(acme, p3, null, null);

        List<ChunkOutcome.RowOutcome> outcomes = write(false, plain(a), plain(sameEmailInCapitals), plain(chained),
                withPolicy(policyOnAsPhone), withPolicy(samePolicy), withPolicy(plainOnPoliciesPhone), plain(plainAfter));

        assertThat(outcomes).containsExactly(
                new ChunkOutcome.Inserted(a.id()),
                new ChunkOutcome.Taken(a.id(), emailKey(e1.toUpperCase(Locale.ROOT))),
                new ChunkOutcome.Inserted(chained.id()),
                new ChunkOutcome.Inserted(policyOnAsPhone.id()),
                new ChunkOutcome.Taken(policyOnAsPhone.id(), phoneAndPolicyKey(p1, "POL-1")),
                new ChunkOutcome.Inserted(plainOnPoliciesPhone.id()),
                // A user holding a policy still holds its phone.
                new ChunkOutcome.Taken(plainOnPoliciesPhone.id(), phoneKey(p3)));
        assertThat(users.findById(acme, sameEmailInCapitals.id())).isEmpty();
        assertThat(users.findById(acme, samePolicy.id())).isEmpty();
        assertThat(users.findById(acme, plainAfter.id())).isEmpty();
    }

    @Test
    void storedUsersHoldTheirIdentitiesAndThePhoneIsCheckedFirst() {
        String phone = TestIds.phone();
        String email = TestIds.email();
        User byPhone = insert(user(acme, phone, null, null));
        insert(user(acme, TestIds.phone(), email, null));
        User newcomer = user(acme, phone, email, null);

        // Its email is another user's: the row names two people at once, and says so.
        assertThat(write(false, plain(newcomer))).containsExactly(new ChunkOutcome.Taken(byPhone.id(), phoneKey(phone),
                emailKey(email)));
        assertThat(users.findById(acme, newcomer.id())).isEmpty();
    }

    @Test
    void aLaterChunkSeesTheUsersOfAnEarlierOne() {
        String phone = TestIds.phone();
        User first = user(acme, phone, null, null);
        User again = user(acme, phone, null, null);
        try (ImportSession session = imports.open(acme, false)) {
            session.write(session.prepare(List.of(plain(first))), CODES);
            ChunkOutcome second = session.write(session.prepare(List.of(plain(again))), CODES);

            assertThat(second).isEqualTo(new ChunkOutcome.Written(List.of(new ChunkOutcome.Taken(first.id(),
                    phoneKey(phone)))));
        }
    }

    @Test
    void aChunkPreparedBeforeAnEarlierOneIsWrittenStillSeesItsUsers() {
        String phone = TestIds.phone();
        User first = user(acme, phone, null, null);
        User again = user(acme, phone, null, null);
        try (ImportSession session = imports.open(acme, false)) {
            ImportSession.Chunk one = session.prepare(List.of(plain(first)));
            ImportSession.Chunk two = session.prepare(List.of(plain(again)));
            session.write(one, CODES);
            ChunkOutcome second = session.write(two, CODES);

            assertThat(second).isEqualTo(new ChunkOutcome.Written(List.of(new ChunkOutcome.Taken(first.id(),
                    phoneKey(phone)))));
        }
    }

    @Test
    void aDryRunWritesNothingButLaterChunksSeeWhatItWouldHaveCreated() {
        String phone = TestIds.phone();
        User first = user(acme, phone, null, null);
        User again = user(acme, phone, null, null);
        try (ImportSession session = imports.open(acme, true)) {
            ChunkOutcome one = session.write(session.prepare(List.of(plain(first))), CODES);
            ChunkOutcome two = session.write(session.prepare(List.of(plain(again))), CODES);

            assertThat(one).isEqualTo(new ChunkOutcome.Written(List.of(new ChunkOutcome.Inserted(first.id()))));
            assertThat(two).isEqualTo(new ChunkOutcome.Written(List.of(new ChunkOutcome.Taken(first.id(),
                    phoneKey(phone)))));
        }
        assertThat(users.findById(acme, first.id())).isEmpty();
        // Nothing was claimed either: a real import of the same row goes in.
        assertThat(write(false, plain(first))).containsExactly(new ChunkOutcome.Inserted(first.id()));
    }

    @Test
    void aPartnerCodeAnotherUserHasIsDrawnAgain() {
        User holder = insert(user(acme, TestIds.phone(), null, null));
        User clash = user(acme, TestIds.phone(), null, null).withPartnerCode(holder.partnerCode());

        assertThat(write(false, plain(clash))).containsExactly(new ChunkOutcome.Inserted(clash.id()));

        User stored = users.findById(acme, clash.id()).orElseThrow();
        assertThat(stored.partnerCode()).isNotEqualTo(holder.partnerCode());
    }

    @Test
    void twoRowsOfAChunkWithTheSamePartnerCodeBothGoInWithDifferentCodes() {
        User first = user(acme, TestIds.phone(), null, null);
        User second = user(acme, TestIds.phone(), null, null).withPartnerCode(first.partnerCode());

        assertThat(write(false, plain(first), plain(second))).containsExactly(
                new ChunkOutcome.Inserted(first.id()), new ChunkOutcome.Inserted(second.id()));

        assertThat(users.findById(acme, first.id()).orElseThrow().partnerCode())
                .isNotEqualTo(users.findById(acme, second.id()).orElseThrow().partnerCode());
    }

    @Test
    void singleCreatesRacingAnImportOfTheSamePhonesLeaveOneUserPerPhone() {
        raceSingleCreatesAgainstAnImport("phone", i -> {
            String phone = TestIds.phone();
            return new User[] {user(acme, phone, null, null), user(acme, phone, null, null)};
        }, single -> List.of(phoneKey(single.profile().phone().value())));
    }

    @Test
    void anExternalUserIdIsHeldByTheFirstRowOrStoredUserThatHasIt() {
        User stored = insert(withExternal(user(acme, TestIds.phone(), null, null), "crm-1"));
        User claimsStored = withExternal(user(acme, TestIds.phone(), TestIds.email(), null), "crm-1");
        User first = withExternal(user(acme, TestIds.phone(), null, null), "crm-2");
        User second = withExternal(user(acme, TestIds.phone(), null, "POL-9"), "crm-2");
        User third = withExternal(user(acme, TestIds.phone(), null, null), "crm-3");

        List<ChunkOutcome.RowOutcome> outcomes = write(false, plain(claimsStored), plain(first), withPolicy(second),
                plain(third));

        assertThat(outcomes).containsExactly(
                new ChunkOutcome.Taken(stored.id(), externalKey("crm-1")),
                new ChunkOutcome.Inserted(first.id()),
                new ChunkOutcome.Taken(first.id(), externalKey("crm-2")),
                new ChunkOutcome.Inserted(third.id()));
        assertThat(users.findById(acme, third.id()).orElseThrow().profile().externalUserId())
                .isEqualTo(new ExternalUserId("crm-3"));
        assertThat(users.findById(acme, claimsStored.id())).isEmpty();
        assertThat(users.findById(acme, second.id())).isEmpty();
    }

    @Test
    void aDryRunChecksExternalUserIdsAgainstStoredUsersAndWhatItWouldHaveCreated() {
        User stored = insert(withExternal(user(acme, TestIds.phone(), null, null), "crm-4"));
        User claimsStored = withExternal(user(acme, TestIds.phone(), null, null), "crm-4");
        User first = withExternal(user(acme, TestIds.phone(), null, null), "crm-5");
        User again = withExternal(user(acme, TestIds.phone(), null, null), "crm-5");
        try (ImportSession session = imports.open(acme, true)) {
            ChunkOutcome one = session.write(session.prepare(List.of(plain(claimsStored), plain(first))), CODES);
            ChunkOutcome two = session.write(session.prepare(List.of(plain(again))), CODES);

            assertThat(one).isEqualTo(new ChunkOutcome.Written(List.of(
                    new ChunkOutcome.Taken(stored.id(), externalKey("crm-4")), new ChunkOutcome.Inserted(first.id()))));
            assertThat(two).isEqualTo(new ChunkOutcome.Written(List.of(new ChunkOutcome.Taken(first.id(),
                    externalKey("crm-5")))));
        }
        assertThat(users.findById(acme, first.id())).isEmpty();
    }

    @Test
    void aRowWhoseKeysAreHeldByTwoDifferentUsersNamesBoth() {
        String phone = TestIds.phone();
        User byExternal = insert(withExternal(user(acme, TestIds.phone(), null, null), "crm-7"));
        User byPhone = user(acme, phone, null, null);
        User both = withExternal(user(acme, phone, null, null), "crm-7");
        User sameOne = withExternal(user(acme, byExternal.profile().phone().value(), null, null), "crm-7");

        List<ChunkOutcome.RowOutcome> outcomes = write(false, plain(byPhone), plain(both), plain(sameOne));

        assertThat(outcomes).containsExactly(
                new ChunkOutcome.Inserted(byPhone.id()),
                new ChunkOutcome.Taken(byExternal.id(), externalKey("crm-7"), phoneKey(phone)),
                new ChunkOutcome.Taken(byExternal.id(), externalKey("crm-7")));
    }

    @Test
    void singleCreatesRacingAnImportOfTheSameExternalUserIdsLeaveOneUserPerId() {
        // Another phone on each side: only the externalUserId clashes.
        raceSingleCreatesAgainstAnImport("externalUserId", i -> {
            String external = "race-" + TestIds.phone();
            return new User[] {withExternal(user(acme, TestIds.phone(), null, null), external),
                    withExternal(user(acme, TestIds.phone(), null, null), external)};
        }, single -> List.of(externalKey(single.profile().externalUserId().value())));
    }

    /**
     * One chunk of 200 rows imported while single creates of the same values run in reverse order,
     * so the two meet in the middle; exactly one of each pair may go in. {@code pair} gives the
     * import's row and the single create's user for value i; {@code singleKeys} what the single claims.
     */
    private void raceSingleCreatesAgainstAnImport(String what, IntFunction<User[]> pair,
                                                  Function<User, List<IdentityKey>> singleKeys) {
        int rows = 200;
        List<ImportCandidate> chunk = new ArrayList<>();
        List<User> singles = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            User[] both = pair.apply(i);
            chunk.add(plain(both[0]));
            singles.add(both[1]);
        }
        List<Object> results = Race.run(2, racer -> {
            if (racer == 0) {
                return write(false, chunk.toArray(ImportCandidate[]::new));
            }
            List<InsertOutcome> outcomes = new ArrayList<>();
            for (int i = rows - 1; i >= 0; i--) {
                outcomes.add(users.insertUnlessIdentityTaken(singles.get(i), singleKeys.apply(singles.get(i))));
            }
            Collections.reverse(outcomes);
            return outcomes;
        });

        @SuppressWarnings("unchecked")
        List<ChunkOutcome.RowOutcome> imported = (List<ChunkOutcome.RowOutcome>) results.get(0);
        @SuppressWarnings("unchecked")
        List<InsertOutcome> single = (List<InsertOutcome>) results.get(1);
        for (int i = 0; i < rows; i++) {
            boolean importWon = imported.get(i) instanceof ChunkOutcome.Inserted;
            boolean singleWon = single.get(i) instanceof InsertOutcome.Inserted;
            assertThat(importWon).as("exactly one of the two creates of %s %d went in", what, i).isNotEqualTo(singleWon);
        }
    }

    private List<ChunkOutcome.RowOutcome> write(boolean dryRun, ImportCandidate... candidates) {
        try (ImportSession session = imports.open(acme, dryRun)) {
            ChunkOutcome outcome = session.write(session.prepare(List.of(candidates)), CODES);
            assertThat(outcome).isInstanceOf(ChunkOutcome.Written.class);
            return ((ChunkOutcome.Written) outcome).rows();
        }
    }

    private User insert(User user) {
        InsertOutcome outcome = users.insertUnlessIdentityTaken(user, List.of());
        assertThat(outcome).isInstanceOf(InsertOutcome.Inserted.class);
        return user;
    }

    private static ImportCandidate candidate(User user, List<IdentityKey> keys) {
        return new ImportCandidate(user, keys);
    }

    private static User withExternal(User user, String externalUserId) {
        return new User(user.id(), user.contributor(), user.profile().withExternalUserId(
                new ExternalUserId(externalUserId)), user.policy(), user.adminNote(), user.tosAnswer(),
                user.partnerCode(), user.dateRegistered(), user.updated(), user.fraud(), user.version());
    }

    private static IdentityKey externalKey(String externalUserId) {
        return new IdentityKey.External(new ExternalUserId(externalUserId));
    }

    /** A plain create's claims, as {@code NewUser} orders them: the externalUserId, the phone, the email. */
    private static ImportCandidate plain(User user) {
        List<IdentityKey> keys = new ArrayList<>();
        if (user.profile().externalUserId() != null) {
            keys.add(externalKey(user.profile().externalUserId().value()));
        }
        keys.add(phoneKey(user.profile().phone().value()));
        if (user.profile().email() != null) {
            keys.add(emailKey(user.profile().email().value()));
        }
        return candidate(user, keys);
    }

    /** A create with policy's claims: the externalUserId when there is one, then phone + policy number. */
    private static ImportCandidate withPolicy(User user) {
        List<IdentityKey> keys = new ArrayList<>();
        if (user.profile().externalUserId() != null) {
            keys.add(externalKey(user.profile().externalUserId().value()));
        }
        keys.add(phoneAndPolicyKey(user.profile().phone().value(), user.policy().number().value()));
        return candidate(user, keys);
    }

}
