package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.IdentityTaken;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.UserRepository;
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
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Races the contract suite cannot set up: writes claiming different kinds of key on one phone or
 * email, sent through two stores with pools of their own, as two servers sharing the database
 * would. A plain create claims the phone (and email) outright, a create with policy claims only
 * phone + policy number; so a plain create may succeed only if, when it ran, no user of the
 * contributor had its phone (or email) yet. Rows get their transaction ids as they are written,
 * and writers on one phone or email take turns, so a plain user that won must have the lowest
 * transaction id among the users sharing its phone or email.
 */
class IdentityRaceTest {

    private static final int RACERS = 24;

    private static TestDatabase database;
    private static HikariDataSource secondPool;
    private static UserRepository serverA;
    private static UserRepository serverB;
    private static UserStore partners;

    @BeforeAll
    static void openTwoStores() {
        database = TestDatabase.create();
        secondPool = PostgresPool.create(database.settings());
        PostgresStore storeA = PostgresStore.on(database.dataSource());
        serverA = storeA.users();
        partners = new UserStore(serverA);
        serverB = PostgresStore.on(secondPool).users();
    }

    @AfterAll
    static void dropDatabase() {
        secondPool.close();
        database.close();
    }

    @RepeatedTest(3)
    void aPlainCreateWinsAPhoneOnlyIfNoUserWithPolicyHadItFirst() {
        ContributorId contributor = partners.newContributor();
        String phone = TestIds.phone();

        List<InsertOutcome> outcomes = Race.run(RACERS, i -> {
            boolean plain = i % 3 == 0;
            User user = user(contributor, phone, null, plain ? null : "POL-" + i);
            List<IdentityKey> keys = plain ? List.of(new IdentityKey.Phone(new PhoneNumber(phone)))
                    : List.of(new IdentityKey.PhoneAndPolicy(new PhoneNumber(phone), new PolicyNumber("POL-" + i)));
            return (i % 2 == 0 ? serverA : serverB).insertUnlessIdentityTaken(user, keys);
        });

        assertThat(outcomes).filteredOn(IdentityTaken.class::isInstance)
                .allSatisfy(taken -> assertThat(((IdentityTaken) taken).holder().profile().phone().value())
                        .isEqualTo(phone));
        assertPlainWinnerCameFirst(contributor, "phone", phone);
    }

    @RepeatedTest(3)
    void aPlainCreateWinsAnEmailOnlyIfNoUserWithPolicyHadItFirst() {
        ContributorId contributor = partners.newContributor();
        String email = "Race." + TestIds.email();

        Race.run(RACERS, i -> {
            boolean plain = i % 3 == 0;
            String phone = TestIds.phone();
            String spelling = i % 2 == 0 ? email : email.toUpperCase();
            User user = user(contributor, phone, spelling, plain ? null : "POL-" + i);
            List<IdentityKey> keys = plain
                    ? List.of(new IdentityKey.Phone(new PhoneNumber(phone)), new IdentityKey.Email(new EmailAddress(spelling)))
                    : List.of(new IdentityKey.PhoneAndPolicy(new PhoneNumber(phone), new PolicyNumber("POL-" + i)));
            return (i % 2 == 0 ? serverA : serverB).insertUnlessIdentityTaken(user, keys);
        });

        assertPlainWinnerCameFirst(contributor, "email_normalized", email.toLowerCase());
    }

    /** At most one plain user holds the value, and if one does, it was written before every other holder. */
    private static void assertPlainWinnerCameFirst(ContributorId contributor, String column, String value) {
        List<UUID> plainUsers = holders(contributor, column, value, "AND policy_number IS NULL");
        List<UUID> everyHolder = holders(contributor, column, value, "");

        assertThat(plainUsers).hasSizeLessThanOrEqualTo(1);
        assertThat(everyHolder).isNotEmpty();
        if (!plainUsers.isEmpty()) {
            assertThat(everyHolder.get(0)).as("the plain user's row is the first one written").isEqualTo(plainUsers.get(0));
        }
    }

    /** Users holding {@code value}, in the order their rows were written: by transaction id. */
    private static List<UUID> holders(ContributorId contributor, String column, String value, String filter) {
        return Queries.list(database.dataSource(), "SELECT id FROM users WHERE contributor_id = ?"
                        + " AND " + column + " = ? " + filter + " ORDER BY xmin::text::bigint, cmin::text::bigint",
                rows -> rows.getObject(1, UUID.class), contributor.value(), value);
    }

    private static User user(ContributorId contributor, String phone, String email, String policyNumber) {
        UserProfile profile = new UserProfile(new PersonName("Ann", "Smith"),
                email == null ? null : new EmailAddress(email), new PhoneNumber(phone), CustomFields.NONE,
                Address.of(null, null, null, "CA", null, null), false, false);
        Policy policy = policyNumber == null ? null : new Policy(new PolicyNumber(policyNumber), null, null);
        return User.register(TestIds.userId(), contributor, profile, policy, TestIds.partnerCode(),
                Instant.parse("2024-05-01T12:00:00Z"));
    }
}
