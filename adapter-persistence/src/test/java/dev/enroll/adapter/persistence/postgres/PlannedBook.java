package dev.enroll.adapter.persistence.postgres;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * 10,000 users of two partners ({@code plan-acme} and {@code plan-globex}), with statistics: enough
 * for PostgreSQL to plan as it would for a real book, so a plan test sees the scans a large book gets.
 */
final class PlannedBook {

    static final String ACME = "plan-acme";

    private PlannedBook() {
    }

    static void load(TestDatabase database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO users (contributor_id, id, first_name, last_name, email, email_normalized, phone,
                        email_verified, phone_verified, state, country, policy_number, tos_answer, partner_code,
                        date_registered, updated, fraud, version, external_user_id)
                    SELECT CASE WHEN n % 2 = 0 THEN 'plan-acme' ELSE 'plan-globex' END, gen_random_uuid(), 'A', 'B',
                        'u' || n || '@example.com', 'u' || n || '@example.com', '+1555' || lpad(n::text, 7, '0'),
                        false, false, 'CA', 'US', CASE WHEN n % 3 = 0 THEN 'POL-' || (n % 500) END, 'None',
                        'C' || n, timestamptz '2024-01-01' + n * interval '1 second',
                        timestamptz '2024-01-01' + n * interval '1 second', false, 1, 'ext-' || n
                    FROM generate_series(1, 10000) AS n""");
            statement.execute("ANALYZE users");
        }
    }
}
