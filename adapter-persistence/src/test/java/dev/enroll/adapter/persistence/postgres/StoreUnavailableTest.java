package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.adapter.persistence.testing.TestDatabase;
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
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** When PostgreSQL cannot serve, every store says "unavailable, try again later", and health says not ready. */
class StoreUnavailableTest {

    @Test
    void everyOperationIsUnavailableWhenTheServerCannotBeReached() throws IOException {
        HikariConfig config = PostgresPool.config(closedPort());
        config.setInitializationFailTimeout(-1); // a pool that started fine, its server gone since
        try (HikariDataSource pool = new HikariDataSource(config);
             GroupCommit groupCommit = new GroupCommit(pool, 1)) {
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
