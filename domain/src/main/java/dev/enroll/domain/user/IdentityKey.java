package dev.enroll.domain.user;

import dev.enroll.domain.policy.PolicyNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What makes a user unique inside its contributor. A store asked to claim a key must refuse
 * when another user of the same contributor already holds it; see docs/identity.md.
 */
public sealed interface IdentityKey {

    /** Whether {@code user} holds this key. */
    boolean heldBy(User user);

    /** The API field the key is about, for error messages; never the value itself. */
    String describe();

    /** Every key {@code user} holds: its phone, and its email, phone and policy number, externalUserId where it has them. */
    static List<IdentityKey> heldKeys(User user) {
        List<IdentityKey> held = new ArrayList<>(4);
        held.add(new Phone(user.profile().phone()));
        if (user.profile().email() != null) {
            held.add(new Email(user.profile().email()));
        }
        if (user.policy() != null) {
            held.add(new PhoneAndPolicy(user.profile().phone(), user.policy().number()));
        }
        if (user.profile().externalUserId() != null) {
            held.add(new External(user.profile().externalUserId()));
        }
        return held;
    }

    record Phone(PhoneNumber phone) implements IdentityKey {
        public Phone {
            Objects.requireNonNull(phone, "phone");
        }

        @Override
        public boolean heldBy(User user) {
            return user.profile().phone().equals(phone);
        }

        @Override
        public String describe() {
            return "phone";
        }
    }

    record Email(EmailAddress email) implements IdentityKey {
        public Email {
            Objects.requireNonNull(email, "email");
        }

        @Override
        public boolean heldBy(User user) {
            return email.equals(user.profile().email());
        }

        @Override
        public String describe() {
            return "email";
        }
    }

    record PhoneAndPolicy(PhoneNumber phone, PolicyNumber policyNumber) implements IdentityKey {
        public PhoneAndPolicy {
            Objects.requireNonNull(phone, "phone");
            Objects.requireNonNull(policyNumber, "policyNumber");
        }

        @Override
        public boolean heldBy(User user) {
            return user.profile().phone().equals(phone)
                    && user.policy() != null && user.policy().number().equals(policyNumber);
        }

        @Override
        public String describe() {
            return "phone and policy number";
        }
    }

    /** The partner's own key for the user: held by at most one user of a contributor. */
    record External(ExternalUserId externalUserId) implements IdentityKey {
        public External {
            Objects.requireNonNull(externalUserId, "externalUserId");
        }

        @Override
        public boolean heldBy(User user) {
            return externalUserId.equals(user.profile().externalUserId());
        }

        @Override
        public String describe() {
            return ExternalUserId.FIELD;
        }
    }
}
