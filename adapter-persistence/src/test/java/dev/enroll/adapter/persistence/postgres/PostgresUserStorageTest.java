package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.UserRepository;
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
import dev.enroll.domain.user.TosAnswer;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the PostgreSQL user store keeps, and how, beyond what the contract suite asks of every store. */
class PostgresUserStorageTest {

    private static TestDatabase database;
    private static UserRepository users;
    /** The partner every user here belongs to. */
    private static ContributorId partner;

    @BeforeAll
    static void openStore() {
        database = TestDatabase.create();
        PostgresStore store = PostgresStore.on(database.dataSource());
        users = store.users();
        partner = new UserStore(users).newContributor();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Instants on both sides of daylight-saving changes, and at the ends of the years a partner may send. */
    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Europe/Berlin", "Asia/Kathmandu", "UTC"})
    void timestampsReadBackToTheMillisecondWhateverTheJvmTimeZone(String zone) {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            List<Instant> instants = List.of(
                    Instant.parse("2024-03-10T07:30:00.123Z"),   // 02:30 in New York: a local time that never was
                    Instant.parse("2024-11-03T05:30:00.456Z"),   // 01:30 in New York: a local time that was twice
                    Instant.parse("2024-10-27T00:59:59.999Z"),   // just before Berlin's clocks go back
                    Instant.parse("0001-01-01T00:00:00.001Z"),
                    Instant.parse("9999-12-31T23:59:59.999Z"));
            for (Instant instant : instants) {
                Policy policy = new Policy(new PolicyNumber("TZ-1"), instant, null);
                User user = new User(TestIds.userId(), partner, profile(TestIds.phone(), null), policy, null,
                        TosAnswer.NONE, TestIds.partnerCode(), instant, instant, false, User.FIRST_VERSION);

                users.insertUnlessIdentityTaken(user, List.of());

                User stored = users.findById(user.contributor(), user.id()).orElseThrow();
                assertThat(stored.dateRegistered()).as("%s in %s", instant, zone).isEqualTo(instant);
                assertThat(stored.updated()).isEqualTo(instant);
                assertThat(stored.policy().startDate()).isEqualTo(instant);
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void theEmailIsStoredAsSentAndLowerCasedForUniqueness() {
        String sent = "Ann.Smith." + TestIds.email().toUpperCase();
        User user = user(sent);

        users.insertUnlessIdentityTaken(user, List.of(new IdentityKey.Email(new EmailAddress(sent))));

        List<String> columns = Queries.one(database.dataSource(),
                "SELECT email, email_normalized FROM users WHERE contributor_id = ? AND id = ?",
                rows -> List.of(rows.getString(1), rows.getString(2)), user.contributor().value(), user.id().value())
                .orElseThrow();
        assertThat(columns).containsExactly(sent, sent.toLowerCase());
    }

    @Test
    void aStoreFailureSaysNothingAboutTheUser() {
        // A constraint the adapter knows nothing of makes an unexpected store failure; PostgreSQL's
        // own message for it ("Failing row contains (...)") would repeat the whole row.
        Queries.update(database.dataSource(),
                "ALTER TABLE users ADD CONSTRAINT test_refuses_secret CHECK (first_name <> 'SecretName')");
        String phone = TestIds.phone();
        String email = "private." + TestIds.email();
        UserProfile profile = new UserProfile(new PersonName("SecretName", "Person"), new EmailAddress(email),
                new PhoneNumber(phone), CustomFields.NONE, Address.of(null, null, null, "CA", null, null), false, false);
        User user = User.register(TestIds.userId(), partner, profile, null, TestIds.partnerCode(),
                Instant.parse("2024-05-01T12:00:00Z"));

        Throwable failure = catchThrowable(() -> users.insertUnlessIdentityTaken(user,
                List.of(new IdentityKey.Phone(new PhoneNumber(phone)))));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("SQLState");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(phone, email, "Secret");
        }
    }

    private static User user(String email) {
        return User.register(TestIds.userId(), partner, profile(TestIds.phone(), email), null,
                TestIds.partnerCode(), Instant.parse("2024-05-01T12:00:00Z"));
    }

    private static UserProfile profile(String phone, String email) {
        return new UserProfile(new PersonName("Ann", "Smith"), email == null ? null : new EmailAddress(email),
                new PhoneNumber(phone), CustomFields.NONE, Address.of(null, null, null, "CA", null, null), false, false);
    }
}
