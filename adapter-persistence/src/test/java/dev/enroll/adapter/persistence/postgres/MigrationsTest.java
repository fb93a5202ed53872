package dev.enroll.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema as the migrations build it on an empty database. */
class MigrationsTest {

    private static TestDatabase database;
    private static int appliedOnEmptyDatabase;
    private static Jdbi jdbi;

    @BeforeAll
    static void migrateAnEmptyDatabase() {
        database = TestDatabase.createEmpty();
        appliedOnEmptyDatabase = Migrations.apply(database.settings());
        jdbi = Jdbi.create(database.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void everyMigrationAppliesToAnEmptyDatabaseAndASecondRunHasNothingToDo() {
        assertThat(appliedOnEmptyDatabase).isEqualTo(5);
        assertThat(tables()).containsExactlyInAnyOrder("users", "partners", "signing_key", "flyway_schema_history",
                "user_change_locks", "user_tombstones", "idempotency_keys");

        assertThat(Migrations.apply(database.settings())).isZero();
    }

    @Test
    void everyIndexOfTheUsersAndTombstonesTablesBeginsWithTheContributor() {
        List<String> indexes = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                WHERE i.indrelid IN ('users'::regclass, 'user_tombstones'::regclass) ORDER BY 1""")
                .mapTo(String.class).list());

        assertThat(indexes).isNotEmpty().allSatisfy(definition -> assertThat(definition).contains("(contributor_id"));
        assertThat(indexes).anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, id)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, partner_code)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, phone, policy_number)"))
                .anySatisfy(d -> assertThat(d).contains("(contributor_id, email_normalized)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE").contains("(contributor_id, external_user_id)"))
                .anySatisfy(d -> assertThat(d).contains("UNIQUE INDEX users_change_key").contains("(contributor_id, change_seq)"))
                .anySatisfy(d -> assertThat(d).contains("(contributor_id, policy_number, change_seq)"))
                .anySatisfy(d -> assertThat(d).contains("(contributor_id, updated, change_seq)"));
    }

    @Test
    void timestampsOfUsersKeepMilliseconds() {
        List<String> types = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = 'users'::regclass AND attname IN
                      ('date_registered', 'updated', 'policy_start_date', 'policy_end_date')""")
                .mapTo(String.class).list());

        assertThat(types).hasSize(4).containsOnly("timestamp(3) with time zone");
    }

    private static List<String> tables() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").mapTo(String.class).list());
    }
}
