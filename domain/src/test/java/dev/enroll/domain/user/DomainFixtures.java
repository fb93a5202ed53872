package dev.enroll.domain.user;

import dev.enroll.domain.address.Address;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.policy.PolicyNumber;
import java.time.Instant;
import java.util.UUID;

/** Valid values for tests that are about something else. */
final class DomainFixtures {

    static final ContributorId ACME = new ContributorId("acme");
    static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123Z");

    private DomainFixtures() {
    }

    static UserId userId(long sequence) {
        // Version 7 (nibble 7 in the time_hi field) and the RFC variant (10xx in the top bits).
        return new UserId(new UUID(0x0190_f1f2_3a4b_7000L | (sequence & 0xfff), 0x8000_0000_0000_0000L | sequence));
    }

    static UserProfile profile(String phone, String email) {
        return new UserProfile(new PersonName("Ann", "Smith"), email == null ? null : new EmailAddress(email),
                new PhoneNumber(phone), new CustomFields("c1", null, null, null, "c5"),
                Address.of("1 Main St", "Apt 2", "Springfield", "IL", "US", "62701"), true, false);
    }

    static User user(long sequence, String phone, String email, String policyNumber) {
        Policy policy = policyNumber == null ? null : new Policy(new PolicyNumber(policyNumber), null, null);
        return User.register(userId(sequence), ACME, profile(phone, email), policy, new PartnerCode("K7WX2ZPQ"), T0);
    }
}
