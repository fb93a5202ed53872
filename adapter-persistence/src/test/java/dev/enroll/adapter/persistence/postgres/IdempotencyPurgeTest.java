package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expired idempotency keys go away in the background, whatever their number, and the purge never
 * waits for a key a request is using: a request must not queue behind housekeeping, nor it behind one.
 */
class IdempotencyPurgeTest {

    @RegisterExtension
    static final ThrowawayStore STORE = new ThrowawayStore();

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private DataSource dataSource;

    @BeforeEach
    void emptyTable() throws SQLException {
        dataSource = STORE.database().dataSource();
        execute("DELETE FROM idempotency_keys");
    }

    @Test
    void a_round_purges_every_expired_key_in_batches_and_keeps_the_live_ones() throws SQLException {
        insertKeys("old", 2 * IdempotencyPurge.BATCH + 500, "2026-12-05T11:59:59Z");
        insertKeys("live", 3, "2026-12-07T12:00:00Z");

        IdempotencyPurge.purge(STORE.store().idempotency(), CLOCK);

        assertThat(count("old")).isZero();
        assertThat(count("live")).isEqualTo(3);
    }

    @Test
    @Timeout(30)
    void the_purge_skips_a_key_a_request_holds_instead_of_waiting_for_it() throws SQLException {
        insertKeys("old", 10, "2026-12-05T11:59:59Z");
        try (Connection request = dataSource.getConnection(); Statement statement = request.createStatement()) {
            request.setAutoCommit(false);
            statement.execute("SELECT 1 FROM idempotency_keys WHERE key = 'old-0' FOR UPDATE");

            // Were it to wait, it would wait until the request ends: the timeout fails the test instead.
            int purged = STORE.store().idempotency().purgeExpired(NOW, IdempotencyPurge.BATCH);

            assertThat(purged).isEqualTo(9);
            request.rollback();
        }
        assertThat(count("old")).isEqualTo(1);
    }

    private void insertKeys(String prefix, int count, String expires) throws SQLException {
        execute("INSERT INTO idempotency_keys (contributor_id, key, fingerprint, expires, lease_until)"
                + " SELECT 'acme', '" + prefix + "-' || n, sha256(n::text::bytea), '" + expires + "', '" + expires
                + "' FROM generate_series(0, " + (count - 1) + ") AS n");
    }

    private long count(String prefix) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM idempotency_keys WHERE key LIKE '" + prefix + "-%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
