package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.enroll.application.port.out.ChunkOutcome;
import dev.enroll.application.port.out.ImportCandidate;
import dev.enroll.application.port.out.ImportSession;
import dev.enroll.application.testing.TestIds;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An import chunk runs under its own deadlines, not the pool's request-sized ones: a chunk that
 * waits for a lock longer than a single create may (the pool's lock_timeout, 2 s) still goes in.
 */
class PostgresImportDeadlinesTest {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    /** Longer than the pool's lock timeout, well inside the chunk's. */
    private static final Duration HELD_PAST_THE_POOLS_LOCK_TIMEOUT =
            PostgresSettings.DEFAULT_STATEMENT_TIMEOUT.plusMillis(500);

    @Test
    void a_chunk_waits_for_an_identity_lock_longer_than_a_single_request_may() throws Exception {
        ContributorId acme = TestIds.contributor();
        PhoneNumber phone = new PhoneNumber(TestIds.phone());
        UserProfile profile = new UserProfile(new PersonName("Ann", "Smith"), null, phone, CustomFields.NONE,
                Address.of("1 Main St", null, "Springfield", "IL", null, "62701"), false, false);
        User user = User.register(TestIds.userId(), acme, profile, null, TestIds.partnerCode(), Instant.now());
        List<IdentityKey> keys = List.of(new IdentityKey.Phone(phone));
        long lock = IdentityLocks.forWrite(user, keys)[0];

        try (Connection holder = STORE.database().dataSource().getConnection()) {
            advisory(holder, "pg_advisory_lock", lock);
            CompletableFuture<ChunkOutcome> chunk = CompletableFuture.supplyAsync(() -> {
                try (ImportSession session = STORE.store().imports().open(acme, false)) {
                    return session.write(session.prepare(List.of(new ImportCandidate(user, keys))), TestIds::partnerCode);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAnAdvisoryLock(holder));
            await().during(HELD_PAST_THE_POOLS_LOCK_TIMEOUT).atMost(HELD_PAST_THE_POOLS_LOCK_TIMEOUT.plusSeconds(5))
                    .until(() -> !chunk.isDone());
            advisory(holder, "pg_advisory_unlock", lock);

            assertThat(chunk.get(10, TimeUnit.SECONDS))
                    .isEqualTo(new ChunkOutcome.Written(List.of(new ChunkOutcome.Inserted(user.id()))));
        }
        assertThat(STORE.store().users().findById(acme, user.id())).isPresent();
    }

    private static void advisory(Connection connection, String function, long key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, key);
            statement.execute();
        }
    }

    private static boolean waitingForAnAdvisoryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND NOT granted)");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }
}
