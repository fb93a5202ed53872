package dev.enroll.application.port.out;

import dev.enroll.domain.policy.PolicyNumber;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.ExternalUserId;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserTombstone;
import java.time.Instant;

/**
 * Which of a contributor's changes a list shows; every part is optional ({@code null}) and the
 * parts combine with AND. Values compare as identity compares them: email ignoring case, the
 * others exactly. A tombstone holds none of the identity values, so it is listed only when
 * {@code includeDeleted} is set and no identity value is asked for.
 */
public record UserFilter(EmailAddress email, PhoneNumber phone, ExternalUserId externalUserId,
                         PolicyNumber policyNumber, Instant updatedSince, boolean includeDeleted) {

    public static final UserFilter ALL = new UserFilter(null, null, null, null, null, false);

    /** The identity values asked for, in one string; empty for none. (No value holds a NUL.) */
    public String identityValues() {
        if (!byIdentity()) {
            return "";
        }
        return String.join("\0", email == null ? "" : email.normalized(), phone == null ? "" : phone.value(),
                externalUserId == null ? "" : externalUserId.value(),
                policyNumber == null ? "" : policyNumber.value());
    }

    /** Whether any identity value (email, phone, externalUserId, policy number) is asked for. */
    public boolean byIdentity() {
        return email != null || phone != null || externalUserId != null || policyNumber != null;
    }

    public boolean matches(User user) {
        return (email == null || email.equals(user.profile().email()))
                && (phone == null || phone.equals(user.profile().phone()))
                && (externalUserId == null || externalUserId.equals(user.profile().externalUserId()))
                && (policyNumber == null || user.policy() != null && policyNumber.equals(user.policy().number()))
                && (updatedSince == null || !user.updated().isBefore(updatedSince));
    }

    /** Whether any tombstone can match: deleted users are asked for, and no identity value. */
    public boolean matchesTombstones() {
        return includeDeleted && !byIdentity();
    }

    public boolean matches(UserTombstone tombstone) {
        return matchesTombstones() && (updatedSince == null || !tombstone.deleted().isBefore(updatedSince));
    }
}
