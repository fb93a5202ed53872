package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.address.UsState;
import dev.enroll.domain.address.ZipCode;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.policy.PolicyNumber;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.TosAnswer;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import dev.enroll.domain.user.UserProfile;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A row of the {@code users} table, and the mapping between it and the {@link User} aggregate. */
record UserRow(String contributorId, UUID id, String firstName, String lastName, String email,
               String emailNormalized, String phone, boolean emailVerified, boolean phoneVerified,
               String customField1, String customField2, String customField3, String customField4,
               String customField5, String addressLine1, String addressLine2, String city, String state,
               String country, String zip, String policyNumber, OffsetDateTime policyStartDate,
               OffsetDateTime policyEndDate, String adminNote, String tosAnswer, String partnerCode,
               OffsetDateTime dateRegistered, OffsetDateTime updated, boolean fraud, long version) {

    /** A column and the SQL type its parameter is cast to where PostgreSQL cannot infer it. */
    record Column(String name, String sqlType) {
    }

    /** Every column, in table order: the order {@link #bind} binds them in. */
    static final List<Column> COLUMNS = List.of(
            new Column("contributor_id", "text"), new Column("id", "uuid"),
            new Column("first_name", "text"), new Column("last_name", "text"),
            new Column("email", "text"), new Column("email_normalized", "text"),
            new Column("phone", "text"),
            new Column("email_verified", "boolean"),
            new Column("phone_verified", "boolean"),
            new Column("custom_field_1", "text"), new Column("custom_field_2", "text"),
            new Column("custom_field_3", "text"), new Column("custom_field_4", "text"),
            new Column("custom_field_5", "text"),
            new Column("address_line_1", "text"), new Column("address_line_2", "text"),
            new Column("city", "text"), new Column("state", "text"),
            new Column("country", "text"), new Column("zip", "text"),
            new Column("policy_number", "text"),
            new Column("policy_start_date", "timestamptz"),
            new Column("policy_end_date", "timestamptz"),
            new Column("admin_note", "text"), new Column("tos_answer", "text"),
            new Column("partner_code", "text"),
            new Column("date_registered", "timestamptz"),
            new Column("updated", "timestamptz"),
            new Column("fraud", "boolean"), new Column("version", "bigint"));

    /** The key columns, first in {@link #COLUMNS}; an update sets only the columns after them. */
    static final int KEY_COLUMNS = 2;

    /** The column list for SELECT and INSERT. */
    static final String COLUMN_LIST = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));

    static UserRow from(User user) {
        UserProfile profile = user.profile();
        CustomFields fields = profile.customFields();
        Address address = profile.address();
        Policy policy = user.policy();
        EmailAddress email = profile.email();
        return new UserRow(user.contributor().value(), user.id().value(),
                profile.name().first(), profile.name().last(),
                email == null ? null : email.value(), email == null ? null : email.normalized(),
                profile.phone().value(), profile.emailVerified(), profile.phoneVerified(),
                fields.field1(), fields.field2(), fields.field3(), fields.field4(), fields.field5(),
                address.addressLine1(), address.addressLine2(), address.city(), address.state().name(),
                address.country(), address.zip() == null ? null : address.zip().value(),
                policy == null ? null : policy.number().value(),
                policy == null ? null : timestamp(policy.startDate()),
                policy == null ? null : timestamp(policy.endDate()),
                user.adminNote(), user.tosAnswer().wireName(), user.partnerCode().value(),
                timestamp(user.dateRegistered()), timestamp(user.updated()), user.fraud(), user.version());
    }

    /**
     * The aggregate this row holds. A row that no longer meets the domain's rules (they were
     * tightened after it was written) is a store fault, not bad input: it surfaces as an
     * {@link IllegalStateException} naming the user and the field, never the value.
     */
    User toDomain() {
        try {
            Address address = new Address(addressLine1, addressLine2, city, UsState.valueOf(state), country,
                    zip == null ? null : new ZipCode(zip));
            UserProfile profile = new UserProfile(new PersonName(firstName, lastName),
                    email == null ? null : new EmailAddress(email), new PhoneNumber(phone),
                    new CustomFields(customField1, customField2, customField3, customField4, customField5),
                    address, emailVerified, phoneVerified);
            Policy policy = policyNumber == null ? null
                    : new Policy(new PolicyNumber(policyNumber), instant(policyStartDate), instant(policyEndDate));
            return new User(new UserId(id), new ContributorId(contributorId), profile, policy, adminNote,
                    TosAnswer.fromWireName(tosAnswer), new PartnerCode(partnerCode), instant(dateRegistered),
                    instant(updated), fraud, version);
        } catch (InvalidValueException | IllegalArgumentException e) {
            throw new IllegalStateException("Stored user " + id + " does not meet the domain's rules: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Binds the columns, in {@link #COLUMNS} order, to the parameters from {@code first} on,
     * leaving out the key columns unless {@code withKey}; returns the next parameter's index.
     * Typed setters, not setObject: this runs on every write.
     */
    int bind(PreparedStatement statement, int first, boolean withKey) throws SQLException {
        int i = first;
        if (withKey) {
            statement.setString(i++, contributorId);
            statement.setObject(i++, id);
        }
        statement.setString(i++, firstName);
        statement.setString(i++, lastName);
        statement.setString(i++, email);
        statement.setString(i++, emailNormalized);
        statement.setString(i++, phone);
        statement.setBoolean(i++, emailVerified);
        statement.setBoolean(i++, phoneVerified);
        statement.setString(i++, customField1);
        statement.setString(i++, customField2);
        statement.setString(i++, customField3);
        statement.setString(i++, customField4);
        statement.setString(i++, customField5);
        statement.setString(i++, addressLine1);
        statement.setString(i++, addressLine2);
        statement.setString(i++, city);
        statement.setString(i++, state);
        statement.setString(i++, country);
        statement.setString(i++, zip);
        statement.setString(i++, policyNumber);
        statement.setObject(i++, policyStartDate, Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(i++, policyEndDate, Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(i++, adminNote);
        statement.setString(i++, tosAnswer);
        statement.setString(i++, partnerCode);
        statement.setObject(i++, dateRegistered, Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(i++, updated, Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setBoolean(i++, fraud);
        statement.setLong(i++, version);
        return i;
    }

    /** The column values in {@link #COLUMNS} order, for COPY; NULLs included. */
    List<Object> copyValues() {
        return Arrays.asList(contributorId, id, firstName, lastName, email, emailNormalized, phone, emailVerified,
                phoneVerified, customField1, customField2, customField3, customField4, customField5, addressLine1,
                addressLine2, city, state, country, zip, policyNumber, policyStartDate, policyEndDate, adminNote,
                tosAnswer, partnerCode, dateRegistered, updated, fraud, version);
    }

    static UserRow read(ResultSet rs) throws SQLException {
        return new UserRow(rs.getString("contributor_id"), rs.getObject("id", UUID.class),
                rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("email_normalized"), rs.getString("phone"),
                rs.getBoolean("email_verified"), rs.getBoolean("phone_verified"),
                rs.getString("custom_field_1"), rs.getString("custom_field_2"), rs.getString("custom_field_3"),
                rs.getString("custom_field_4"), rs.getString("custom_field_5"),
                rs.getString("address_line_1"), rs.getString("address_line_2"), rs.getString("city"),
                rs.getString("state"), rs.getString("country"), rs.getString("zip"),
                rs.getString("policy_number"),
                rs.getObject("policy_start_date", OffsetDateTime.class),
                rs.getObject("policy_end_date", OffsetDateTime.class),
                rs.getString("admin_note"), rs.getString("tos_answer"), rs.getString("partner_code"),
                rs.getObject("date_registered", OffsetDateTime.class), rs.getObject("updated", OffsetDateTime.class),
                rs.getBoolean("fraud"), rs.getLong("version"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @Override
    public String toString() {
        return "UserRow[contributorId=" + contributorId + ", id=" + id + ", version=" + version + "]";
    }
}
