package dev.enroll.adapter.persistence.postgres;

import dev.enroll.domain.address.Address;
import dev.enroll.domain.policy.Policy;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.User;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of the {@code users} table (V1__users.sql, V6__user_book.sql), declared once: the column list of every
 * SELECT, INSERT and UPDATE, the binding of a {@link User}'s values and the reading of a row all
 * follow from this declaration, in its order. Adding a column is one line here, plus its place
 * in {@link StoredUser#toDomain()}.
 */
enum UserColumn {

    CONTRIBUTOR_ID("contributor_id", Kind.TEXT, user -> user.contributor().value()),
    ID("id", Kind.UUID, user -> user.id().value()),
    FIRST_NAME("first_name", Kind.TEXT, user -> user.profile().name().first()),
    LAST_NAME("last_name", Kind.TEXT, user -> user.profile().name().last()),
    EMAIL("email", Kind.TEXT, user -> email(user, EmailAddress::value)),
    EMAIL_NORMALIZED("email_normalized", Kind.TEXT, user -> email(user, EmailAddress::normalized)),
    PHONE("phone", Kind.TEXT, user -> user.profile().phone().value()),
    EMAIL_VERIFIED("email_verified", Kind.BOOLEAN, user -> user.profile().emailVerified()),
    PHONE_VERIFIED("phone_verified", Kind.BOOLEAN, user -> user.profile().phoneVerified()),
    CUSTOM_FIELD_1("custom_field_1", Kind.TEXT, user -> user.profile().customFields().field1()),
    CUSTOM_FIELD_2("custom_field_2", Kind.TEXT, user -> user.profile().customFields().field2()),
    CUSTOM_FIELD_3("custom_field_3", Kind.TEXT, user -> user.profile().customFields().field3()),
    CUSTOM_FIELD_4("custom_field_4", Kind.TEXT, user -> user.profile().customFields().field4()),
    CUSTOM_FIELD_5("custom_field_5", Kind.TEXT, user -> user.profile().customFields().field5()),
    ADDRESS_LINE_1("address_line_1", Kind.TEXT, user -> user.profile().address().addressLine1()),
    ADDRESS_LINE_2("address_line_2", Kind.TEXT, user -> user.profile().address().addressLine2()),
    CITY("city", Kind.TEXT, user -> user.profile().address().city()),
    STATE("state", Kind.TEXT, user -> user.profile().address().state().name()),
    COUNTRY("country", Kind.TEXT, user -> user.profile().address().country()),
    ZIP("zip", Kind.TEXT, user -> zip(user.profile().address())),
    POLICY_NUMBER("policy_number", Kind.TEXT, user -> policy(user, policy -> policy.number().value())),
    POLICY_START_DATE("policy_start_date", Kind.TIMESTAMP, user -> policy(user, policy -> timestamp(policy.startDate()))),
    POLICY_END_DATE("policy_end_date", Kind.TIMESTAMP, user -> policy(user, policy -> timestamp(policy.endDate()))),
    ADMIN_NOTE("admin_note", Kind.TEXT, User::adminNote),
    TOS_ANSWER("tos_answer", Kind.TEXT, user -> user.tosAnswer().wireName()),
    PARTNER_CODE("partner_code", Kind.TEXT, user -> user.partnerCode().value()),
    DATE_REGISTERED("date_registered", Kind.TIMESTAMP, user -> timestamp(user.dateRegistered())),
    UPDATED("updated", Kind.TIMESTAMP, user -> timestamp(user.updated())),
    FRAUD("fraud", Kind.BOOLEAN, User::fraud),
    VERSION("version", Kind.BIGINT, User::version),
    EXTERNAL_USER_ID("external_user_id", Kind.TEXT, user -> external(user));

    /** How a column's values travel: the SQL type (for casts), the JDBC type and the Java class. */
    enum Kind {
        TEXT("text", Types.VARCHAR, String.class),
        UUID("uuid", Types.OTHER, java.util.UUID.class),
        BOOLEAN("boolean", Types.BOOLEAN, Boolean.class),
        TIMESTAMP("timestamptz", Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.class),
        BIGINT("bigint", Types.BIGINT, Long.class);

        final String sqlType;
        final int jdbcType;
        final Class<?> javaType;

        Kind(String sqlType, int jdbcType, Class<?> javaType) {
            this.sqlType = sqlType;
            this.jdbcType = jdbcType;
            this.javaType = javaType;
        }
    }

    static final List<UserColumn> ALL = List.of(values());
    /** The key: an update finds its row by these and sets every other column. */
    static final List<UserColumn> KEY = List.of(CONTRIBUTOR_ID, ID);
    static final List<UserColumn> NOT_KEY = ALL.stream().filter(column -> !KEY.contains(column)).toList();
    /** Every column, for SELECT and INSERT lists. */
    static final String LIST = list(ALL);

    final String sqlName;
    final Kind kind;
    private final Function<User, Object> value;

    UserColumn(String sqlName, Kind kind, Function<User, Object> value) {
        this.sqlName = sqlName;
        this.kind = kind;
        this.value = value;
    }

    /** The SQL names of {@code columns}, comma-separated, in order. */
    static String list(List<UserColumn> columns) {
        return columns.stream().map(column -> column.sqlName).collect(Collectors.joining(", "));
    }

    /** Binds {@code user}'s values of {@code columns}, in order, from parameter {@code first} on; answers the next. */
    static int bind(List<UserColumn> columns, User user, PreparedStatement statement, int first) throws SQLException {
        int parameter = first;
        for (UserColumn column : columns) {
            statement.setObject(parameter++, column.value.apply(user), column.kind.jdbcType);
        }
        return parameter;
    }

    /** {@code user}'s value of this column, as bound: for the import's COPY text. */
    Object of(User user) {
        return value.apply(user);
    }

    /** This column's value in the current row of {@code row}, selected with {@link #LIST}. */
    Object read(ResultSet row) throws SQLException {
        return row.getObject(ordinal() + 1, kind.javaType);
    }

    private static Object email(User user, Function<EmailAddress, String> part) {
        EmailAddress email = user.profile().email();
        return email == null ? null : part.apply(email);
    }

    private static Object external(User user) {
        return user.profile().externalUserId() == null ? null : user.profile().externalUserId().value();
    }

    private static Object zip(Address address) {
        return address.zip() == null ? null : address.zip().value();
    }

    private static Object policy(User user, Function<Policy, Object> part) {
        return user.policy() == null ? null : part.apply(user.policy());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
