package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the local PostgreSQL server, as the benchmark runs: user postgres, password from ENROLL_BENCH_DB_PASSWORD. */
class ThrowawayDatabaseTest {

    private static final String SERVER = "jdbc:postgresql://localhost:5432/postgres";
    private static final String PASSWORD = System.getenv().getOrDefault("ENROLL_BENCH_DB_PASSWORD", "");

    @Test
    void a_superuser_checkpoints_and_a_plain_user_is_told_no_rather_than_failing() throws Exception {
        String tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String role = "enroll_bench_plain_" + tag;
        try (ThrowawayDatabase asSuperuser = ThrowawayDatabase.create(SERVER, "postgres", PASSWORD, tag)) {
            assertThat(asSuperuser.checkpoint()).isTrue();

            // The same password as postgres's, so the test logs in wherever the benchmark can.
            execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'");
            try {
                ThrowawayDatabase asPlainUser = new ThrowawayDatabase(SERVER, role, PASSWORD, asSuperuser.name());
                assertThat(asPlainUser.checkpoint()).isFalse();
            } finally {
                execute("DROP ROLE " + role);
            }
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
