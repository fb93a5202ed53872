package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.in.AddressInput;
import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.CreateUserWithPolicyCommand;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.ListUsersQuery;
import dev.enroll.application.port.in.Patch;
import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.in.UpdateUserCommand;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.in.UserPage;
import dev.enroll.application.port.in.UserPatch;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.application.port.out.UserFilter;
import dev.enroll.application.service.CreateUserService;
import dev.enroll.application.service.CreateUserWithPolicyService;
import dev.enroll.application.service.ListUsersService;
import dev.enroll.application.service.UpdateUserService;
import dev.enroll.application.testing.SyncingClient;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.Violation;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sync guarantee at its sharpest: a transaction changes user A and stays open; meanwhile a
 * writer changes B and then C, which takes higher numbers and commits first. A client pages to
 * the end (one user a page, so it moves its cursor past whatever it sees), A's transaction
 * commits, and the client resumes from its last cursor: it must see A's change. A feed that
 * showed B and C while A was still open would move the client's cursor past A's number for good.
 * And writers do not take turns: B and C commit while A's transaction is still open, and a
 * lookup by one identity does not wait for it either.
 *
 * <p>Pages of one partner share the feed's bound (SettledChanges), but a page never takes a bound
 * read before it started: a client that wrote a user and then pages on from its last cursor
 * finds it, however many of the partner's pages run at once (SettledChangesTest makes the
 * moment that would lose it happen every time).
 */
class LateCommitSyncTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static TestDatabase database;
    private static PostgresStore store;

    @BeforeAll
    static void open() {
        database = TestDatabase.create();
        store = PostgresStore.on(database.dataSource());
    }

    @AfterAll
    static void close() {
        store.close();
        database.close();
    }

    @Test
    void aChangeCommittedLateIsSeenByAClientResumingFromItsLastCursor() throws Exception {
        ContributorId acme = new UserStore(store.users()).newContributor();
        Clock clock = Clock.systemUTC();
        CreateUserService create = new CreateUserService(store.users(), TestIds::userId,
                TestIds::partnerCode, clock);
        UpdateUserService update = new UpdateUserService(store.users(), clock);
        ListUsersService list = new ListUsersService(store.users(), TestIds.serverSecret());
        User a = create.create(new CreateUserCommand(acme, input(), false)).user();
        User b = create.create(new CreateUserCommand(acme, input(), false)).user();
        User c = create.create(new CreateUserCommand(acme, input(), false)).user();
        SyncingClient client = new SyncingClient(list, acme, 1);
        client.pageToTheEnd();

        CompletableFuture<Void> paging;
        try (Connection held = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            held.setAutoCommit(false);
            try (PreparedStatement change = held.prepareStatement(
                    "UPDATE users SET first_name = 'Held', version = version + 1 WHERE contributor_id = ? AND id = ?")) {
                change.setString(1, acme.value());
                change.setObject(2, a.id().value());
                assertThat(change.executeUpdate()).isEqualTo(1);
            }
            // Another writer of the same partner does not wait for A's transaction.
            CompletableFuture.runAsync(() -> {
                rename(update, b, "Bea");
                rename(update, c, "Cy");
            }).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            // A lookup by phone waits for nobody: every writer of that phone takes its lock, in turn.
            assertThat(CompletableFuture.supplyAsync(() -> store.users().changes(acme,
                            new UserFilter(null, c.profile().phone(), null, null, null, false), 0, 10))
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).hasSize(1);
            // The reader waits for A's transaction, or shows B and C without it (the fault this catches).
            paging = CompletableFuture.runAsync(client::pageToTheEnd);
            await().atMost(PATIENCE).until(() -> paging.isDone() || someoneWaitsForALock());
            held.commit();
        }
        paging.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        client.pageToTheEnd();

        assertThat(client.seen()).containsEntry(a.id(), a.version() + 1).containsEntry(b.id(), b.version() + 1)
                .containsEntry(c.id(), c.version() + 1);
    }

    @Test
    void aClientListingRightAfterItsWriteFindsItWhileOtherPagesOfThePartnerRun() throws Exception {
        ContributorId acme = new UserStore(store.users()).newContributor();
        CreateUserService create = new CreateUserService(store.users(), TestIds::userId, TestIds::partnerCode,
                Clock.systemUTC());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> missed = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                missed.add(clients.submit(() -> {
                    int notFound = 0;
                    long seen = 0;
                    for (int i = 0; i < 40; i++) {
                        User user = create.create(new CreateUserCommand(acme, input(), false)).user();
                        // The whole feed from where this client left off: each page needs the bound.
                        boolean found = false;
                        List<UserChange> page = feedAfter(acme, seen);
                        while (!page.isEmpty()) {
                            found |= page.stream().anyMatch(change -> change instanceof UserChange.Present present
                                    && present.user().id().equals(user.id()));
                            seen = page.get(page.size() - 1).sequence();
                            page = feedAfter(acme, seen);
                        }
                        if (!found) {
                            notFound++;
                        }
                    }
                    return notFound;
                }));
            }
            for (Future<Integer> client : missed) {
                assertThat(client.get()).isZero();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * A lookup by phone does not wait for the partner's other writes, so its page may end past a
     * change of another user still to commit: its cursor goes on with that phone, and only there.
     */
    @Test
    void aCursorFromALookupByPhoneGoesOnOnlyWithThatPhone() {
        ContributorId acme = new UserStore(store.users()).newContributor();
        CreateUserWithPolicyService create = new CreateUserWithPolicyService(store.users(), TestIds::userId,
                TestIds::partnerCode, contributor -> false, Clock.systemUTC());
        ListUsersService list = new ListUsersService(store.users(), TestIds.serverSecret());
        UserInput holder = input();
        User first = create.createWithPolicy(new CreateUserWithPolicyCommand(acme, holder,
                new PolicyInput("POL-1", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), false)).user();
        User second = create.createWithPolicy(new CreateUserWithPolicyCommand(acme, holder,
                new PolicyInput("POL-2", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"), false)).user();
        String phone = holder.phone();

        UserPage lookup = list.list(new ListUsersQuery(acme, "1", null, null, phone, null, null, null, null));
        String cursor = lookup.nextCursor();

        assertThat(lookup.changes()).singleElement().extracting(LateCommitSyncTest::idOf).isEqualTo(first.id());
        assertThat(list.list(new ListUsersQuery(acme, "1", cursor, null, phone, null, null, null, null)).changes())
                .singleElement().extracting(LateCommitSyncTest::idOf).isEqualTo(second.id());
        assertThatThrownBy(() -> list.list(new ListUsersQuery(acme, "1", cursor, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.violations())
                        .extracting(Violation::field).containsExactly("cursor"));
        // With a filter refused the cursor is not judged: the 400 names what to fix, not a good cursor.
        assertThatThrownBy(() -> list.list(new ListUsersQuery(acme, "1", cursor, "not-an-email", phone, null, null,
                null, null))).isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(
                        refused.violations()).extracting(Violation::field).containsExactly("email"));
    }

    private static UserId idOf(UserChange change) {
        return ((UserChange.Present) change).user().id();
    }

    private static void rename(UpdateUserService update, User user, String name) {
        update.update(new UpdateUserCommand(user.contributor(), user.id().toString(),
                new UserPatch(Patch.set(name), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(),
                        Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep())));
    }

    private static boolean someoneWaitsForALock() {
        return Queries.list(database.dataSource(), "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'", rows -> rows.getInt(1)).get(0) > 0;
    }

    private static List<UserChange> feedAfter(ContributorId contributor, long sequence) {
        return store.users().changes(contributor, new UserFilter(null, null, null, null, null, false), sequence, 100);
    }

    private static UserInput input() {
        return new UserInput("Ann", "Smith", null, TestIds.phone(), null, null, null, null, null, null, null,
                new AddressInput("1 Main St", null, "Springfield", "IL", "US",
                        "62701"));
    }
}
