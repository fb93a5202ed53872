package dev.enroll.domain.user;

import static dev.enroll.domain.user.DomainFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.domain.policy.PolicyNumber;
import org.junit.jupiter.api.Test;

class IdentityKeyTest {

    private final User withEmail = user(1, "+15556667777", "Ann.Smith@Example.com", null);
    private final User withPolicy = user(2, "+15556667777", null, "POL-1");

    @Test
    void aPhoneKeyIsHeldByTheUserWithThatPhoneWhateverItsPolicy() {
        IdentityKey key = new IdentityKey.Phone(new PhoneNumber("+15556667777"));

        assertThat(key.heldBy(withEmail)).isTrue();
        assertThat(key.heldBy(withPolicy)).isTrue();
        assertThat(new IdentityKey.Phone(new PhoneNumber("+15556667778")).heldBy(withEmail)).isFalse();
    }

    @Test
    void anEmailKeyIgnoresCase() {
        assertThat(new IdentityKey.Email(new EmailAddress("ann.smith@example.COM")).heldBy(withEmail)).isTrue();
        assertThat(new IdentityKey.Email(new EmailAddress("ann@example.com")).heldBy(withEmail)).isFalse();
    }

    @Test
    void anEmailKeyIsNotHeldByAUserWithoutEmail() {
        assertThat(new IdentityKey.Email(new EmailAddress("ann@example.com")).heldBy(withPolicy)).isFalse();
    }

    @Test
    void aPhoneAndPolicyKeyNeedsBothAndComparesPolicyNumbersExactlyAfterTrimming() {
        PhoneNumber phone = new PhoneNumber("+15556667777");

        assertThat(new IdentityKey.PhoneAndPolicy(phone, new PolicyNumber("  POL-1 ")).heldBy(withPolicy)).isTrue();
        assertThat(new IdentityKey.PhoneAndPolicy(phone, new PolicyNumber("pol-1")).heldBy(withPolicy)).isFalse();
        assertThat(new IdentityKey.PhoneAndPolicy(phone, new PolicyNumber("POL-1")).heldBy(withEmail)).isFalse();
        assertThat(new IdentityKey.PhoneAndPolicy(new PhoneNumber("+15556667778"), new PolicyNumber("POL-1"))
                .heldBy(withPolicy)).isFalse();
    }

    @Test
    void aUserHoldsItsPhoneAndTheEmailOrPolicyItHas() {
        PhoneNumber phone = new PhoneNumber("+15556667777");

        assertThat(IdentityKey.heldKeys(withEmail)).containsExactly(new IdentityKey.Phone(phone),
                new IdentityKey.Email(new EmailAddress("ann.smith@example.com")));
        assertThat(IdentityKey.heldKeys(withPolicy)).containsExactly(new IdentityKey.Phone(phone),
                new IdentityKey.PhoneAndPolicy(phone, new PolicyNumber("POL-1")));
        assertThat(IdentityKey.heldKeys(withEmail)).allMatch(key -> key.heldBy(withEmail));
    }

    @Test
    void describesTheFieldsNeverTheValues() {
        assertThat(new IdentityKey.Phone(new PhoneNumber("+15556667777")).describe()).isEqualTo("phone");
        assertThat(new IdentityKey.Email(new EmailAddress("ann@example.com")).describe()).isEqualTo("email");
        assertThat(new IdentityKey.PhoneAndPolicy(new PhoneNumber("+15556667777"), new PolicyNumber("POL-1"))
                .describe()).isEqualTo("phone and policy number");
    }
}
