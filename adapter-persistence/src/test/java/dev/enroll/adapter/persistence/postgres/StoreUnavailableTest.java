package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.adapter.persistence.testing.TcpProxy;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.ChunkOutcome;
import dev.enroll.application.port.out.ImportCandidate;
import dev.enroll.application.port.out.ImportSession;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.SigningKeyRepository;
import dev.enroll.application.port.out.StoreUnavailableException;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.application.testing.TestIds;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** When PostgreSQL cannot serve, every store says "unavailable, try again later", and health says not ready. */
class StoreUnavailableTest {

    @Test
    void everyOperationIsUnavailableWhenTheServerCannotBeReached() throws IOException {
        HikariConfig config = PostgresPool.config(closedPort());
        config.setInitializationFailTimeout(-1); // a pool that started fine, its server gone since
        try (HikariDataSource pool = new HikariDataSource(config);
             GroupCommit groupCommit = new GroupCommit(pool, 1, PostgresSettings.DEFAULT_STATEMENT_TIMEOUT)) {
            UserRepository users = new PostgresUserRepository(pool, groupCommit);
            PartnerRepository partners = new PostgresPartnerRepository(pool);
            SigningKeyRepository signingKeys = new PostgresSigningKeyRepository(pool);
            User user = user();
            Partner partner = new Partner(user.contributor(), null, new ClientId("ck_0123456789abcdef"),
                    new SecretHash(new byte[SecretHash.LENGTH]), true, Instant.EPOCH);

            assertUnavailable(() -> users.insertUnlessIdentityTaken(user, List.of()));
            assertUnavailable(() -> users.updateUnlessIdentityTaken(user, 1, List.of()));
            assertUnavailable(() -> users.findById(user.contributor(), user.id()));
            assertUnavailable(() -> partners.insert(partner));
            assertUnavailable(() -> partners.setEnabled(partner.id(), false));
            assertUnavailable(() -> partners.replaceSecret(partner.id(), partner.secretHash()));
            assertUnavailable(() -> partners.findById(partner.id()));
            assertUnavailable(() -> partners.findByClientId(partner.clientId()));
            assertUnavailable(partners::findAll);
            assertUnavailable(() -> signingKeys.loadOrStore(new byte[32]));
            assertThat(new PostgresHealth(pool).isReady()).isFalse();
        }
    }

    /**
     * A login the server refuses (no such role, a wrong password: SQLState class 28) is the
     * database being out of reach, as for a server that cannot be reached: a start says which
     * settings to check, a request gets 503, never "unexpected".
     */
    @Test
    void aLoginTheServerRefusesIsUnavailable() {
        try (TestDatabase database = TestDatabase.create()) {
            PostgresSettings settings = database.settings();
            PostgresSettings nobody = PostgresSettings.of(settings.jdbcUrl(), "no_such_role_" + System.nanoTime(),
                    "wrong", 1);

            assertThatThrownBy(() -> PostgresStore.open(nobody)).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("SQLState 28");
        }
    }

    @Test
    void openingTheStoreWithoutAServerIsUnavailableAtOnce() throws IOException {
        PostgresSettings nowhere = closedPort();

        assertUnavailable(() -> PostgresStore.open(nowhere));
        assertUnavailable(() -> PostgresStore.open(nowhere.withoutDatabaseCreation()));
        assertUnavailable(() -> DatabaseCreator.createIfMissing(nowhere));
        assertUnavailable(() -> PostgresPool.create(nowhere));
    }

    @Test
    void aPoolWithNoConnectionToSpareInTimeIsUnavailable() throws SQLException {
        try (TestDatabase database = TestDatabase.create();
             HikariDataSource pool = PostgresPool.create(database.settings().withPoolSize(1)
                     .withConnectionTimeout(PostgresSettings.MIN_CONNECTION_TIMEOUT))) {
            PostgresStore store = PostgresStore.on(pool);
            User user = user();

            try (Connection busy = pool.getConnection()) {
                assertUnavailable(() -> store.users().findById(user.contributor(), user.id()));
                assertThat(store.health().isReady()).isFalse();
            }

            assertThat(store.users().findById(user.contributor(), user.id())).isEmpty();
            assertThat(store.health().isReady()).isTrue();
        }
    }

    @Test
    void aLockedUsersTableMakesReadsWritesAndReadinessUnavailableWithinFiveSeconds() throws SQLException {
        try (TestDatabase database = TestDatabase.create();
             PostgresStore store = PostgresStore.open(database.settings().withoutDatabaseCreation())) {
            User stored = stored(store);

            try (Connection holder = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                    database.password())) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");

                assertUnavailableWithin(FIVE_SECONDS, () -> store.users().insertUnlessIdentityTaken(user(), List.of()));
                assertUnavailableWithin(FIVE_SECONDS, () -> store.users().findById(stored.contributor(), stored.id()));
                assertUnavailableWithin(FIVE_SECONDS, () -> store.users().updateUnlessIdentityTaken(stored, 1, List.of()));
                assertNotReadyWithin(FIVE_SECONDS, store);
                holder.rollback();
            }

            assertThat(store.users().findById(stored.contributor(), stored.id())).isPresent();
            assertThat(store.health().isReady()).isTrue();
        }
    }

    @Test
    void aDatabaseThatStopsAnsweringIsUnavailableWithinFiveSecondsAndRecoversWhenItAnswersAgain() throws Exception {
        try (TestDatabase database = TestDatabase.create();
             TcpProxy proxy = TcpProxy.inFrontOf(database.jdbcUrl())) {
            try (PostgresStore store = storeThrough(proxy, database)) {
                User stored = stored(store);

                // Slow but answering: every operation still succeeds, only later.
                proxy.slowDelay(Duration.ofMillis(300));
                proxy.mode(TcpProxy.Mode.SLOW);
                assertThat(store.users().findById(stored.contributor(), stored.id())).isPresent();

                proxy.mode(TcpProxy.Mode.BLACK_HOLE);
                assertUnavailableWithin(FIVE_SECONDS, () -> store.users().insertUnlessIdentityTaken(user(), List.of()));
                assertUnavailableWithin(FIVE_SECONDS, () -> store.users().findById(stored.contributor(), stored.id()));
                assertNotReadyWithin(FIVE_SECONDS, store);

                proxy.mode(TcpProxy.Mode.REFUSE);
                assertUnavailableWithin(FIVE_SECONDS, () -> store.users().findById(stored.contributor(), stored.id()));

                proxy.mode(TcpProxy.Mode.PASS);
                await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(StoreUnavailableException.class)
                        .until(() -> store.users().findById(stored.contributor(), stored.id()).isPresent());
                assertThat(store.health().isReady()).isTrue();
            }
        }
    }

    /**
     * A readiness check already waiting for the server when it stops answering ends within its
     * own deadline and says not ready. (A query timeout on the probe made pgjdbc send a cancel
     * through the same dead route and wait for it, 10 s more, before the probe could end.)
     */
    @Test
    void aReadinessCheckInFlightWhenTheServerStopsAnsweringIsNotReadyWithinItsDeadline() throws Exception {
        try (TestDatabase database = TestDatabase.create();
             TcpProxy proxy = TcpProxy.inFrontOf(database.jdbcUrl())) {
            try (PostgresStore store = storeThrough(proxy, database)) {
                try (Connection holder = database.dataSource().getConnection()) {
                    // The probe's read of users waits for this lock: it is in flight, its answer to come.
                    holder.setAutoCommit(false);
                    try (Statement lock = holder.createStatement()) {
                        lock.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
                    }
                    CompletableFuture<Boolean> probe = CompletableFuture.supplyAsync(() -> store.health().isReady());
                    await().atMost(FIVE_SECONDS).until(() -> someoneWaitsForALock(database));
                    proxy.mode(TcpProxy.Mode.BLACK_HOLE);

                    assertThat(probe.get(FIVE_SECONDS.toSeconds(), TimeUnit.SECONDS)).isFalse();
                    holder.rollback();
                }
            }
        }
    }

    /**
     * An import holds one connection from chunk to chunk. When it breaks, the chunk's rollback
     * and the connection's restore fail too ("Connection is closed", no SQLState): the import must
     * still end as unavailable (503, retry), not as an internal error that hides the I/O error.
     */
    @Test
    void anImportWhoseConnectionBreaksBetweenChunksIsUnavailableNotAnInternalError() throws Exception {
        try (TestDatabase database = TestDatabase.create();
             TcpProxy proxy = TcpProxy.inFrontOf(database.jdbcUrl())) {
            try (PostgresStore store = storeThrough(proxy, database)) {
                User first = user();
                User second = User.register(TestIds.userId(), first.contributor(), user().profile(), null,
                        TestIds.partnerCode(), Instant.EPOCH);
                try (ImportSession session = store.imports().open(first.contributor(), false)) {
                    assertThat(session.write(session.prepare(List.of(new ImportCandidate(first, List.of()))),
                            TestIds::partnerCode)).isInstanceOf(ChunkOutcome.Written.class);

                    proxy.mode(TcpProxy.Mode.REFUSE); // cuts every connection open through it
                    assertUnavailable(() -> session.write(session.prepare(List.of(new ImportCandidate(second,
                            List.of()))), TestIds::partnerCode));
                }
            }
        }
    }

    /**
     * A start on a migrated database asks the migration history before anything else: a database
     * that stops answering just after the login makes that an error within seconds, not a start
     * that hangs. (A migration that is pending runs without a deadline: it may rightly run long.)
     */
    @Test
    void aStartsMigrationCheckOnADatabaseThatStopsAnsweringAfterTheLoginIsUnavailableNotAHang() throws Exception {
        try (TestDatabase database = TestDatabase.create();
             TcpProxy proxy = TcpProxy.inFrontOf(database.jdbcUrl())) {
            PostgresSettings settings = database.settings();
            DataSource proxied = PostgresSettings.of(proxy.rewrite(settings.jdbcUrl()), settings.user(),
                    settings.password(), 1).unpooled();
            DataSource stallsOnceLoggedIn = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (self, method, arguments) -> {
                        try {
                            Object answer = method.invoke(proxied, arguments);
                            if (method.getName().equals("getConnection")) {
                                proxy.mode(TcpProxy.Mode.BLACK_HOLE);
                            }
                            return answer;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });

            assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertUnavailableWithin(Duration.ofSeconds(8), () -> Migrations.apply(stallsOnceLoggedIn)));
        }
    }

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    /** A store on {@code database} whose every connection goes through {@code proxy}. */
    private static PostgresStore storeThrough(TcpProxy proxy, TestDatabase database) {
        PostgresSettings settings = database.settings().withoutDatabaseCreation();
        return PostgresStore.open(new PostgresSettings(proxy.rewrite(settings.jdbcUrl()), settings.user(),
                settings.password(), settings.poolSize(), settings.writers(), settings.connectionTimeout(),
                settings.statementTimeout(), false));
    }

    private static boolean someoneWaitsForALock(TestDatabase database) {
        return Queries.list(database.dataSource(), "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'", row -> row.getInt(1)).get(0) > 0;
    }

    /** A user of a partner of its own, stored. */
    private static User stored(PostgresStore store) {
        User user = user();
        store.partners().insert(new Partner(user.contributor(), null, new ClientId("ck_" + java.util.UUID.randomUUID().toString().replace("-", "")),
                new SecretHash(new byte[SecretHash.LENGTH]), true, Instant.EPOCH));
        assertThat(store.users().insertUnlessIdentityTaken(user, List.of())).isInstanceOf(InsertOutcome.Inserted.class);
        return user;
    }

    private static void assertUnavailableWithin(Duration limit, ThrowingCallable operation) {
        long start = System.nanoTime();
        assertUnavailable(operation);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit);
    }

    private static void assertNotReadyWithin(Duration limit, PostgresStore store) {
        long start = System.nanoTime();
        assertThat(store.health().isReady()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit);
    }

    private static void assertUnavailable(ThrowingCallable operation) {
        assertThatThrownBy(operation).isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("PostgreSQL cannot be reached or is overloaded");
    }

    private static User user() {
        UserProfile profile = new UserProfile(new PersonName("Ann", "Smith"), null, new PhoneNumber(TestIds.phone()),
                CustomFields.NONE, Address.of(null, null, null, "CA", null, null), false, false);
        return User.register(TestIds.userId(), TestIds.contributor(), profile, null, TestIds.partnerCode(),
                Instant.EPOCH);
    }

    /** Settings for a port nothing listens on (it was free a moment ago), with the shortest wait allowed. */
    private static PostgresSettings closedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return PostgresSettings.of("jdbc:postgresql://localhost:" + port + "/enroll", "postgres", null, 1)
                .withConnectionTimeout(PostgresSettings.MIN_CONNECTION_TIMEOUT);
    }
}
