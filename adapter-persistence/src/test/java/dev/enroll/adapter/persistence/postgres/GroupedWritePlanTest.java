package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.testing.TestIds;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.ExternalUserId;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A create or an update written in a group reads only the rows it needs: an update finds its row by
 * the primary key, and the identity checks of both go through their indexes. Checked on
 * PostgreSQL's own plans, for a {@link PlannedBook}, of both entries a group sends for a write:
 * the one that takes the group's locks and the one that writes. A sequential scan here costs
 * every grouped write a read of the whole table: 40 ms at 200,000 users.
 */
class GroupedWritePlanTest {

    private static final ContributorId ACME = new ContributorId(PlannedBook.ACME);
    private static TestDatabase database;
    private static GroupCommit groupCommit;
    private static PostgresUserRepository users;

    @BeforeAll
    static void loadUsers() throws SQLException {
        database = TestDatabase.create();
        PlannedBook.load(database);
        groupCommit = new GroupCommit(database.dataSource(), 1, Duration.ofSeconds(5));
        users = new PostgresUserRepository(database.dataSource(), groupCommit);
    }

    @AfterAll
    static void dropDatabase() {
        groupCommit.close();
        database.close();
    }

    @Test
    void aGroupedUpdateFindsItsRowByThePrimaryKey() {
        User user = userClaimingEverything();
        List<IdentityKey> keys = IdentityKey.heldKeys(user);
        GroupCommit.Write update = users.updating(user, 1, new IdentityClaims(keys));

        for (String plan : plansOfBothEntries(update)) {
            assertThat(plan).contains("Index Cond: ((contributor_id = ").contains("users_pkey")
                    .doesNotContain("Seq Scan");
        }
    }

    @Test
    void aGroupedCreateChecksItsClaimsThroughIndexes() {
        User user = userClaimingEverything();
        List<IdentityKey> keys = IdentityKey.heldKeys(user);
        GroupCommit.Write create = users.inserting(user, new IdentityClaims(keys));

        for (String plan : plansOfBothEntries(create)) {
            assertThat(plan).doesNotContain("Seq Scan");
        }
    }

    private static User userClaimingEverything() {
        UserProfile profile = new UserProfile(new PersonName("Ann", "Smith"), new EmailAddress("u42@example.com"),
                new PhoneNumber("+15550000042"), CustomFields.NONE, Address.of(null, null, null, "CA", null, null),
                false, false, new ExternalUserId("ext-42"));
        return User.register(TestIds.userId(), ACME, profile, null, TestIds.partnerCode(),
                Instant.parse("2024-05-01T12:00:00Z"));
    }

    /** The plans of the entry that takes the locks and of the one that writes, as a group binds them. */
    private static List<String> plansOfBothEntries(GroupCommit.Write write) {
        List<String> plans = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN " + write.statements().grouped())) {
            write.parameters().bind(explain,
                    IdentityLocks.bind(explain, 1, ACME, write.locks()));
            plans.add(plan(explain));
            write.parameters().bind(explain, IdentityLocks.bind(explain, 1, new String[0], new long[0]));
            plans.add(plan(explain));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return plans;
    }

    private static String plan(PreparedStatement explain) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
