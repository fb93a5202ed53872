package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the local PostgreSQL server, as the benchmark runs. */
class ThrowawayDatabaseTest {

    private static final String SERVER = "jdbc:postgresql://localhost:5432/postgres";

    @Test
    void a_superuser_checkpoints_and_a_plain_user_is_told_no_rather_than_failing() throws Exception {
        String tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String role = "enroll_bench_plain_" + tag;
        try (ThrowawayDatabase asSuperuser = ThrowawayDatabase.create(SERVER, "postgres", "", tag)) {
            assertThat(asSuperuser.checkpoint()).isTrue();

            execute("CREATE ROLE " + role + " LOGIN");
            try {
                ThrowawayDatabase asPlainUser = new ThrowawayDatabase(SERVER, role, "", asSuperuser.name());
                assertThat(asPlainUser.checkpoint()).isFalse();
            } finally {
                execute("DROP ROLE " + role);
            }
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
