package dev.enroll.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A partner's big book for the list and lookup scenarios: {@code size} users loaded straight
 * into the database (one INSERT … SELECT, the change-number trigger included), then ANALYZE.
 * User n has email {@code book<n>@example.com}, phone {@code +1666} and n in seven digits,
 * externalUserId {@code ext-<n>}, policy {@code BK-<n mod size/4>} (four users per policy), and
 * {@code updated} n seconds after 2025-01-01, so the lookups know values that exist.
 */
final class UserBook {

    /** The deep cursor stands this far into the book. */
    static final double CURSOR_DEPTH = 0.9;
    /**
     * updatedSince lookups ask for at most this many of the partner's latest changes: what a client
     * syncing often asks. The instants are read when a step starts, because the steps before it
     * (creates, updates) add changes after the book's own.
     */
    static final int RECENT_CHANGES = 1000;
    /** User n was registered and last updated n seconds after this. */
    private static final Instant BOOK_START = Instant.parse("2025-01-01T00:00:00Z");

    private static final String LOAD = """
            INSERT INTO users (contributor_id, id, first_name, last_name, email, email_normalized, phone,
                               email_verified, phone_verified, address_line_1, city, state, country, zip,
                               policy_number, policy_start_date, policy_end_date, tos_answer, partner_code,
                               date_registered, updated, fraud, version, external_user_id)
            SELECT ?, (lpad(to_hex(1700000000000 + n), 12, '0') || '7' || substr(md5(n::text), 1, 3) || '8'
                       || substr(md5(n::text), 4, 15))::uuid,
                   'Book', 'User', 'book' || n || '@example.com', 'book' || n || '@example.com',
                   '+1666' || lpad(n::text, 7, '0'), false, false, '1 Main St', 'Springfield', 'CA', 'US', '90210',
                   'BK-' || (n % ?), timestamptz '2025-01-01', timestamptz '2026-01-01', 'None',
                   translate(lpad(to_hex(n), 8, '0'), '0123456789abcdef', '23456789ABCDEFGH'),
                   timestamptz '2025-01-01' + n * interval '1 second',
                   timestamptz '2025-01-01' + n * interval '1 second', false, 1, 'ext-' || n
            FROM generate_series(1, ?) AS n""";

    private final ThrowawayDatabase database;
    private final String partnerId;
    private final int size;
    private final String deepCursor;

    private UserBook(ThrowawayDatabase database, String partnerId, int size, String deepCursor) {
        this.database = database;
        this.partnerId = partnerId;
        this.size = size;
        this.deepCursor = deepCursor;
    }

    /**
     * Loads {@code size} users of {@code partnerId}; answers the book, with a cursor {@link #CURSOR_DEPTH}
     * into it that {@code api} (the partner's) gave out: cursors are sealed, so a client gets one only
     * by listing. The page of one user found by {@code updatedSince} is the deep user's, and its
     * cursor is that user's position, the same as an unfiltered page ending there would give: a
     * cursor is a position in the partner's order of changes, which is all list-deep needs.
     */
    static UserBook load(ThrowawayDatabase database, ApiClient api, String partnerId, int size) throws Exception {
        try (Connection connection = database.connect()) {
            try (PreparedStatement load = connection.prepareStatement(LOAD)) {
                load.setString(1, partnerId);
                load.setInt(2, Math.max(1, size / 4));
                load.setInt(3, size);
                load.executeUpdate();
            }
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("VACUUM ANALYZE users");
            }
        }
        long deepUser = Math.max(1, (long) (size * CURSOR_DEPTH));
        String cursor = api.nextCursor("/api/users?limit=1&updatedSince=" + BOOK_START.plusSeconds(deepUser));
        return new UserBook(database, partnerId, size, cursor);
    }

    int size() {
        return size;
    }

    String deepCursor() {
        return deepCursor;
    }

    /** Lookups by {@code filter}, each for a random user of the book (or one of its latest changes). */
    Lookups lookups(String filter) throws SQLException {
        List<Instant> recent = filter.equals("updatedSince") ? recentChanges() : List.of();
        return random -> query(filter, random, recent);
    }

    /** The query string of one lookup, drawn afresh on each call. */
    @FunctionalInterface
    interface Lookups {
        String next(SplittableRandom random);
    }

    private String query(String filter, SplittableRandom random, List<Instant> recent) {
        long n = 1 + random.nextInt(size);
        return switch (filter) {
            case "email" -> "email=book" + n + "%40example.com";
            case "phone" -> "phone=%2B1666" + String.format("%07d", n);
            case "externalUserId" -> "externalUserId=ext-" + n;
            case "policyNumber" -> "policyNumber=BK-" + (n % Math.max(1, size / 4));
            case "updatedSince" -> "updatedSince=" + recent.get(random.nextInt(recent.size()));
            default -> throw new IllegalArgumentException("no such filter: " + filter);
        };
    }

    /** The instants of the partner's latest changes, newest first. */
    private List<Instant> recentChanges() throws SQLException {
        List<Instant> instants = new ArrayList<>(RECENT_CHANGES);
        try (Connection connection = database.connect();
             PreparedStatement latest = connection.prepareStatement(
                     "SELECT updated FROM users WHERE contributor_id = ? ORDER BY updated DESC LIMIT ?")) {
            latest.setString(1, partnerId);
            latest.setInt(2, RECENT_CHANGES);
            try (ResultSet rows = latest.executeQuery()) {
                while (rows.next()) {
                    instants.add(rows.getObject(1, OffsetDateTime.class).toInstant());
                }
            }
        }
        return instants;
    }
}
