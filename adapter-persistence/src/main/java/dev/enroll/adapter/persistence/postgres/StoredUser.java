package dev.enroll.adapter.persistence.postgres;

import static dev.enroll.adapter.persistence.postgres.UserColumn.*;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.address.UsState;
import dev.enroll.domain.address.ZipCode;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.policy.PolicyNumber;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.ExternalUserId;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.TosAnswer;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import dev.enroll.domain.user.UserProfile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of the {@code users} table as read, column by {@link UserColumn}, and the {@link User} it holds. */
final class StoredUser {

    private final Object[] values = new Object[UserColumn.ALL.size()];

    private StoredUser() {
    }

    /** The current row of {@code rows}, selected with {@link UserColumn#LIST}. */
    static StoredUser read(ResultSet rows) throws SQLException {
        StoredUser row = new StoredUser();
        for (UserColumn column : UserColumn.ALL) {
            row.values[column.ordinal()] = column.read(rows);
        }
        return row;
    }

    /**
     * The aggregate this row holds. A row that no longer meets the domain's rules (they were
     * tightened after it was written) is a store fault, not bad input: it surfaces as an
     * {@link IllegalStateException} naming the user and the field, never the value.
     */
    User toDomain() {
        try {
            Address address = new Address(text(ADDRESS_LINE_1), text(ADDRESS_LINE_2), text(CITY),
                    UsState.valueOf(text(STATE)), text(COUNTRY), text(ZIP) == null ? null : new ZipCode(text(ZIP)));
            UserProfile profile = new UserProfile(new PersonName(text(FIRST_NAME), text(LAST_NAME)),
                    text(EMAIL) == null ? null : new EmailAddress(text(EMAIL)), new PhoneNumber(text(PHONE)),
                    new CustomFields(text(CUSTOM_FIELD_1), text(CUSTOM_FIELD_2), text(CUSTOM_FIELD_3),
                            text(CUSTOM_FIELD_4), text(CUSTOM_FIELD_5)),
                    address, flag(EMAIL_VERIFIED), flag(PHONE_VERIFIED),
                    text(EXTERNAL_USER_ID) == null ? null : new ExternalUserId(text(EXTERNAL_USER_ID)));
            Policy policy = text(POLICY_NUMBER) == null ? null : new Policy(new PolicyNumber(text(POLICY_NUMBER)),
                    instant(POLICY_START_DATE), instant(POLICY_END_DATE));
            return new User(new UserId((UUID) values[ID.ordinal()]), new ContributorId(text(CONTRIBUTOR_ID)), profile,
                    policy, text(ADMIN_NOTE), TosAnswer.fromWireName(text(TOS_ANSWER)),
                    new PartnerCode(text(PARTNER_CODE)), instant(DATE_REGISTERED), instant(UPDATED), flag(FRAUD),
                    (Long) values[VERSION.ordinal()]);
        } catch (InvalidValueException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Stored user " + values[ID.ordinal()] + " does not meet the domain's rules: "
                    + e.getMessage(), e);
        }
    }

    private String text(UserColumn column) {
        return (String) values[column.ordinal()];
    }

    private boolean flag(UserColumn column) {
        return (Boolean) values[column.ordinal()];
    }

    private Instant instant(UserColumn column) {
        OffsetDateTime timestamp = (OffsetDateTime) values[column.ordinal()];
        return timestamp == null ? null : timestamp.toInstant();
    }
}
