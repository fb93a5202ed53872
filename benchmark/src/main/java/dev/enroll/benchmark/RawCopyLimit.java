package dev.enroll.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * The database's own limit for an import: the same synthetic users, as the rows the import
 * writes for them, sent with one {@code COPY ... FROM STDIN} in one transaction into the same
 * indexed {@code users} table. No HTTP, no validation, no identity checks or locks. The rows are
 * generated while they stream, so the client holds none of them.
 */
final class RawCopyLimit {

    private static final String COPY = "COPY users (contributor_id, id, first_name, last_name, email, email_normalized,"
            + " phone, email_verified, phone_verified, address_line_1, city, state, country, zip, tos_answer,"
            + " partner_code, date_registered, updated, fraud, version) FROM STDIN";

    private final ThrowawayDatabase database;
    private final String contributor;
    private final String runTag;

    RawCopyLimit(ThrowawayDatabase database, String partnerId, String runTag) {
        this.database = database;
        this.contributor = partnerId + RawInsertLimit.CONTRIBUTOR_SUFFIX;
        this.runTag = runTag;
    }

    /** Copies the users {@code firstSerial} .. {@code firstSerial + rows - 1}; answers the nanoseconds it took. */
    long copy(long firstSerial, long rows) throws SQLException, IOException {
        long start = System.nanoTime();
        try (Connection connection = database.connect()) {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, new Rows(firstSerial, rows));
            if (copied != rows) {
                throw new SQLException("COPY wrote " + copied + " rows of " + rows);
            }
        }
        return System.nanoTime() - start;
    }

    /** The COPY text of the users, one line at a time. Values need no escaping (see SyntheticUser). */
    private final class Rows extends Reader {
        private final long end;
        private long serial;
        private String line = "";
        private int position;

        Rows(long firstSerial, long rows) {
            this.serial = firstSerial;
            this.end = firstSerial + rows;
        }

        @Override
        public int read(char[] target, int offset, int length) {
            if (position == line.length()) {
                if (serial == end) {
                    return -1;
                }
                line = line(SyntheticUser.of(runTag, serial++));
                position = 0;
            }
            int count = Math.min(length, line.length() - position);
            line.getChars(position, position + count, target, offset);
            position += count;
            return count;
        }

        private String line(SyntheticUser user) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            return String.join("\t", contributor, RawInsertLimit.timeOrderedId(now.toInstant().toEpochMilli()).toString(),
                    user.firstName(), user.lastName(), user.email(), user.email().toLowerCase(Locale.ROOT),
                    user.phone(), "f", "f", user.addressLine1(), user.city(), user.state(), "US", user.zip(), "None",
                    RawInsertLimit.partnerCode(user.serial()), now.toString(), now.toString(), "f", "1") + "\n";
        }

        @Override
        public void close() {
        }
    }
}
