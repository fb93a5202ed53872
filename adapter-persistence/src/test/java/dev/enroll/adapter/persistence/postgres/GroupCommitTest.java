package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.IdentityTaken;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.application.port.out.UpdateOutcome;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.testing.TestIds;
import dev.enroll.application.testing.UserStore;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Creates (and updates) that queue up while the writer is busy are written together, in one
 * transaction, and each gets the outcome it would have had alone. The writer is kept busy by a lock the test holds
 * on the first create's phone, so what queues behind it, and in which order, is exact.
 */
class GroupCommitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static TestDatabase database;

    /** Writes through a pool whose statements may wait as long as the test holds its locks. */
    private HikariDataSource patientPool;
    private GroupCommit groupCommit;
    private UserRepository users;
    private ContributorId contributor;
    private ExecutorService callers;
    /** The threads that call the store, to see when each one waits for its write. */
    private final List<Thread> callerThreads = new CopyOnWriteArrayList<>();
    /** The sizes of the groups that committed, as the store reports them for the metrics. */
    private final List<Integer> committedGroups = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void openOneWriter() {
        patientPool = PostgresPool.create(database.settings().withStatementTimeout(PATIENCE));
        groupCommit = new GroupCommit(patientPool, 1, PATIENCE);
        groupCommit.reportCommittedGroupSizesTo(committedGroups::add);
        users = new PostgresUserRepository(patientPool, groupCommit);
        contributor = new UserStore(users).newContributor();
        callers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task);
            callerThreads.add(thread);
            return thread;
        });
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        groupCommit.close();
        patientPool.close();
    }

    @Test
    void createsQueuedBehindABusyWriterShareOneTransaction() throws Exception {
        List<Create> queued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            queued.add(Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode())));
        }

        List<InsertOutcome> outcomes = behindABusyWriter(queued);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(InsertOutcome.Inserted.class));
        assertThat(transactionsThatWrote(queued)).isEqualTo(1);
        queued.forEach(create -> assertThat(users.findById(contributor, create.user().id())).isPresent());
    }

    @Test
    void theSizeOfEachGroupIsReportedOnceItCommits() throws Exception {
        List<Create> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode())));
        }

        behindABusyWriter(queued);

        // The create that kept the writer busy went alone; the five queued behind it went together.
        assertThat(committedGroups).containsExactly(1, 5);
    }

    @Test
    void aCreateClaimingAPhoneTakenEarlierInItsGroupIsRefusedWithThatHolder() throws Exception {
        String phone = TestIds.phone();
        Create first = Create.claimingPhone(user(phone, TestIds.partnerCode()));
        Create second = Create.claimingPhone(user(phone, TestIds.partnerCode()));
        Create other = Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode()));

        List<InsertOutcome> outcomes = behindABusyWriter(List.of(first, second, other));

        assertThat(outcomes.get(0)).isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(IdentityTaken.class,
                taken -> assertThat(taken.holder().id()).isEqualTo(first.user().id()));
        assertThat(outcomes.get(2)).isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(users.findById(contributor, second.user().id())).isEmpty();
        assertThat(transactionsThatWrote(List.of(first, other))).isEqualTo(1);
    }

    @Test
    void aGroupWhoseTransactionFailsIsWrittenOneByOneWithEachOutcome() throws Exception {
        PartnerCode code = TestIds.partnerCode();
        Create first = Create.claimingPhone(user(TestIds.phone(), code));
        Create sameCode = Create.claimingPhone(user(TestIds.phone(), code));
        Create other = Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode()));

        List<InsertOutcome> outcomes = behindABusyWriter(List.of(first, sameCode, other));

        assertThat(outcomes).satisfiesExactly(
                outcome -> assertThat(outcome).isInstanceOf(InsertOutcome.Inserted.class),
                outcome -> assertThat(outcome).isInstanceOf(InsertOutcome.PartnerCodeTaken.class),
                outcome -> assertThat(outcome).isInstanceOf(InsertOutcome.Inserted.class));
        assertThat(users.findById(contributor, first.user().id())).isPresent();
        assertThat(users.findById(contributor, sameCode.user().id())).isEmpty();
        assertThat(users.findById(contributor, other.user().id())).isPresent();
        // The group of three rolled back: only the busy create and the two written again alone committed.
        assertThat(committedGroups).containsExactly(1, 1, 1);
    }

    @Test
    void aGroupChecksIdentitiesOnlyOnceItHoldsTheirLocks() throws Exception {
        Create claimingHeldPhone = Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode()));
        Create other = Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode()));
        // The same phone, at another partner: a row to copy into ours while the group waits.
        ContributorId elsewhere = new UserStore(users).newContributor();
        User template = User.register(TestIds.userId(), elsewhere, claimingHeldPhone.user().profile(), null,
                TestIds.partnerCode(), Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(users.insertUnlessIdentityTaken(template, List.of())).isInstanceOf(InsertOutcome.Inserted.class);
        UUID sneakedIn = TestIds.userId().value();

        // The group then waits for the phone's lock; meanwhile its holder gives our partner a user with that phone.
        List<InsertOutcome> outcomes = behindABusyWriter(List.of(claimingHeldPhone, other), claimingHeldPhone,
                holder -> copyIntoOurPartner(holder, template.id().value(), sneakedIn));

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(IdentityTaken.class,
                taken -> assertThat(taken.holder().id().value()).isEqualTo(sneakedIn));
        assertThat(outcomes.get(1)).isInstanceOf(InsertOutcome.Inserted.class);
        assertThat(users.findById(contributor, claimingHeldPhone.user().id())).isEmpty();
    }

    @Test
    void updatesQueuedBehindABusyWriterShareOneTransactionToo() throws Exception {
        List<Create> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Create create = Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode()));
            assertThat(users.insertUnlessIdentityTaken(create.user(), create.keys())).isInstanceOf(InsertOutcome.Inserted.class);
            stored.add(create);
        }
        Instant later = Instant.parse("2024-05-02T12:00:00Z");
        List<Callable<UpdateOutcome>> updates = stored.stream().map(create -> (Callable<UpdateOutcome>) () -> {
            User user = create.user();
            User renamed = user.withProfile(new UserProfile(new PersonName("Renamed", "Smith"), null,
                    user.profile().phone(), CustomFields.NONE, user.profile().address(), false, false), later);
            return users.updateUnlessIdentityTaken(renamed, user.version(), List.of());
        }).toList();

        List<UpdateOutcome> outcomes = writesBehindABusyWriter(updates, null, holder -> { });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(UpdateOutcome.Updated.class));
        assertThat(transactionsThatWrote(stored)).isEqualTo(1);
        stored.forEach(create -> assertThat(users.findById(contributor, create.user().id()))
                .hasValueSatisfying(user -> assertThat(user.profile().name().first()).isEqualTo("Renamed")));
    }

    @Test
    void aClosedStoreRefusesCreatesAsUnavailable() {
        Create create = Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode()));
        groupCommit.close();

        assertThatThrownBy(() -> users.insertUnlessIdentityTaken(create.user(), create.keys()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(users.findById(contributor, create.user().id())).isEmpty();
    }

    /**
     * Starts a create the writer takes alone and then waits on (the test holds the lock of its
     * phone), queues {@code creates} behind it one at a time, in order, lets the writer go, and
     * returns their outcomes in that order.
     */
    private List<InsertOutcome> behindABusyWriter(List<Create> creates) throws Exception {
        return behindABusyWriter(creates, null, holder -> { });
    }

    private List<InsertOutcome> behindABusyWriter(List<Create> creates, Create heldOn, HolderWork whileTheGroupWaits)
            throws Exception {
        return writesBehindABusyWriter(creates.stream().map(this::inserting).toList(), heldOn, whileTheGroupWaits);
    }

    private Callable<InsertOutcome> inserting(Create create) {
        return () -> users.insertUnlessIdentityTaken(create.user(), create.keys());
    }

    /**
     * The same, but the test also holds the locks of {@code heldOn} until the group is waiting
     * for them, and runs {@code whileTheGroupWaits} on the lock holder's connection then.
     */
    private <T> List<T> writesBehindABusyWriter(List<Callable<T>> writes, Create heldOn, HolderWork whileTheGroupWaits)
            throws Exception {
        Create blocked = Create.claimingPhone(user(TestIds.phone(), TestIds.partnerCode()));
        long[] blockedKeys = IdentityLocks.forWrite(blocked.user(), blocked.keys());
        List<Future<T>> outcomes = new ArrayList<>();
        try (Connection holder = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            for (long key : blockedKeys) {
                advisoryLock(holder, "pg_advisory_lock", key);
            }
            if (heldOn != null) {
                for (long key : IdentityLocks.forWrite(heldOn.user(), heldOn.keys())) {
                    advisoryLock(holder, "pg_advisory_lock", key);
                }
            }
            Future<InsertOutcome> first = callers.submit(inserting(blocked));
            await().atMost(PATIENCE).until(GroupCommitTest::someoneWaitsForAnAdvisoryLock);
            for (Callable<T> write : writes) {
                outcomes.add(callers.submit(write));
                int callersWaiting = outcomes.size() + 1;
                // Queued: its caller waits for the writer, which is still busy with the first create.
                await().atMost(PATIENCE).until(() -> waitingForAWrite() == callersWaiting);
            }
            for (long key : blockedKeys) {
                advisoryLock(holder, "pg_advisory_unlock", key);
            }
            assertThat(first.get()).isInstanceOf(InsertOutcome.Inserted.class);
            if (heldOn != null) {
                await().atMost(PATIENCE).until(GroupCommitTest::aGroupWaitsForAnAdvisoryLock);
                whileTheGroupWaits.run(holder);
                advisoryLock(holder, "pg_advisory_unlock_all", null);
            }
        }
        List<T> results = new ArrayList<>();
        for (Future<T> outcome : outcomes) {
            results.add(outcome.get());
        }
        return results;
    }

    /** How many caller threads wait for their write to commit. */
    private long waitingForAWrite() {
        return callerThreads.stream().filter(thread -> (thread.getState() == Thread.State.WAITING
                        || thread.getState() == Thread.State.TIMED_WAITING)
                && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getClassName().equals(
                GroupCommit.class.getName()) && frame.getMethodName().equals("execute"))).count();
    }

    /** Something the lock holder does on its own connection. */
    @FunctionalInterface
    private interface HolderWork {
        void run(Connection holder) throws SQLException;
    }


    /** Someone in this test's database (the server is shared) waits for an advisory lock. */
    private static boolean someoneWaitsForAnAdvisoryLock() {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") > 0;
    }

    /** A group's batch, not a lone write, waits for an advisory lock in this test's database. */
    private static boolean aGroupWaitsForAnAdvisoryLock() {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE 'WITH locks%'") > 0;
    }

    private static void advisoryLock(Connection connection, String function, Long key) throws SQLException {
        String sql = "SELECT " + function + (key == null ? "()" : "(?)");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (key != null) {
                statement.setLong(1, key);
            }
            statement.execute();
        }
    }

    /** Writes a copy of user {@code source} as {@code id} of this test's partner, bypassing the store and its locks. */
    private void copyIntoOurPartner(Connection connection, UUID source, UUID id) throws SQLException {
        try (PreparedStatement copy = connection.prepareStatement(
                "CREATE TEMP TABLE copied AS SELECT * FROM users WHERE id = ?;\n"
                        + "UPDATE copied SET id = ?, contributor_id = ?, partner_code = ?;\n"
                        + "INSERT INTO users SELECT * FROM copied")) {
            copy.setObject(1, source);
            copy.setObject(2, id);
            copy.setString(3, contributor.value());
            copy.setString(4, TestIds.partnerCode().value());
            copy.execute();
        }
    }

    /** How many transactions wrote these creates' rows (rows written together share their xmin). */
    private int transactionsThatWrote(List<Create> creates) {
        List<UUID> ids = creates.stream().map(create -> create.user().id().value()).toList();
        return (int) count("SELECT count(DISTINCT xmin::text) FROM users WHERE contributor_id = ? AND id = ANY(?)",
                contributor.value(), ids.toArray(new UUID[0]));
    }

    private static long count(String sql, Object... parameters) {
        return Queries.one(database.dataSource(), sql, rows -> rows.getLong(1), parameters).orElseThrow();
    }

    private User user(String phone, PartnerCode code) {
        UserProfile profile = new UserProfile(new PersonName("Ann", "Smith"), null, new PhoneNumber(phone),
                CustomFields.NONE, Address.of(null, null, null, "CA", null, null), false, false);
        return User.register(TestIds.userId(), contributor, profile, null, code, Instant.parse("2024-05-01T12:00:00Z"));
    }

    /** A create as the use case asks for it: the user and the identity it claims. */
    private record Create(User user, List<IdentityKey> keys) {

        static Create claimingPhone(User user) {
            return new Create(user, List.of(new IdentityKey.Phone(user.profile().phone())));
        }
    }
}
