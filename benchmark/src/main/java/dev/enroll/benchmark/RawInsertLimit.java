package dev.enroll.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database's own limit for what {@code POST /api/users} does: the same row, inserted straight
 * into the {@code users} table of the migrated schema over JDBC, one connection per client,
 * autocommit, one round trip per row. No HTTP, no JSON, no validation, and none of the adapter's
 * identity work (its advisory locks and its "no other user holds this phone or email" check):
 * only the table's own keys and indexes. The API's create throughput is read against this.
 *
 * <p>The row is filled as the PostgreSQL adapter fills it for a new user without a policy
 * (adapter-persistence's UserColumn): a time-ordered (version 7) id, the email as sent and
 * lower-cased, country US, terms not yet answered, not flagged, version 1, registered and updated
 * now at millisecond precision, an 8-character partner code. Columns left out are NULL, as they
 * are for such a user.
 */
final class RawInsertLimit {

    /**
     * Rows go to their own contributor, so their partner codes can never clash with those the
     * server draws at random for the API's users; everything else about them is the same.
     */
    static final String CONTRIBUTOR_SUFFIX = "-raw";

    static final String INSERT = """
            INSERT INTO users (contributor_id, id, first_name, last_name, email, email_normalized, phone,
                               email_verified, phone_verified, address_line_1, city, state, country, zip,
                               tos_answer, partner_code, date_registered, updated, fraud, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, false, false, ?, ?, ?, 'US', ?, 'None', ?, ?, ?, false, 1)""";

    private static final String PARTNER_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final long PARTNER_CODE_SPACE = 1L << 40;
    /** Odd, so multiplying by it permutes 0..2^40-1: distinct serials give distinct, scattered codes. */
    private static final long SCATTER = 0x9E3779B97F4A7C15L | 1L;

    private final ThrowawayDatabase database;
    private final String contributor;
    private final SyntheticUsers users;

    RawInsertLimit(ThrowawayDatabase database, String partnerId, SyntheticUsers users) {
        this.database = database;
        this.contributor = partnerId + CONTRIBUTOR_SUFFIX;
        this.users = users;
    }

    /** One closed-loop step of raw inserts with {@code clients} connections of its own, closed afterwards. */
    StepResult measure(int clients, Duration ramp, Duration measured, Duration requestTimeout, CpuMeter cpu)
            throws SQLException, InterruptedException {
        List<Connection> connections = new ArrayList<>();
        try {
            List<Operation> operations = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Connection connection = database.connect();
                connections.add(connection);
                PreparedStatement insert = connection.prepareStatement(INSERT);
                insert.setQueryTimeout((int) Math.max(1, requestTimeout.toSeconds()));
                operations.add(() -> insertOne(insert));
            }
            return ClosedLoop.run(Scenario.RAW_INSERT, operations, ramp, measured, requestTimeout, cpu);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private void insertOne(PreparedStatement insert) throws SQLException {
        SyntheticUser user = users.next();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        insert.setString(1, contributor);
        insert.setObject(2, timeOrderedId(now.toInstant().toEpochMilli()));
        insert.setString(3, user.firstName());
        insert.setString(4, user.lastName());
        insert.setString(5, user.email());
        insert.setString(6, user.email().toLowerCase(Locale.ROOT));
        insert.setString(7, user.phone());
        insert.setString(8, user.addressLine1());
        insert.setString(9, user.city());
        insert.setString(10, user.state());
        insert.setString(11, user.zip());
        insert.setString(12, partnerCode(user.serial()));
        insert.setObject(13, now);
        insert.setObject(14, now);
        if (insert.executeUpdate() != 1) {
            throw new SQLException("the insert wrote no row");
        }
    }

    /** A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. */
    static UUID timeOrderedId(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** 8 characters of the partner-code alphabet (32 symbols, 40 bits), unique per serial. */
    static String partnerCode(long serial) {
        long value = (serial * SCATTER) & (PARTNER_CODE_SPACE - 1);
        char[] code = new char[8];
        for (int i = 7; i >= 0; i--) {
            code[i] = PARTNER_CODE_ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(code);
    }
}
