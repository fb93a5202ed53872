package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

    @Test
    void defaults_keep_the_whole_run_within_six_minutes() {
        BenchmarkSettings d = BenchmarkSettings.parse(List.of(), null);

        assertThat(d.concurrency()).containsExactly(1, 8, 32, 64);
        assertThat(d.scenarios()).containsExactly(Scenario.RAW_INSERT, Scenario.CREATE, Scenario.CREATE_WITH_POLICY,
                Scenario.UPDATE, Scenario.READ, Scenario.MIX);
        assertThat(d.bookUsers()).isZero();
        long steps = (long) d.scenarios().size() * d.concurrency().size() + 1;
        Duration planned = d.ramp().plus(d.stepDuration()).multipliedBy(steps).plus(d.warmup());
        // A 60 s warm-up so the server is measured JIT-warm, as it runs in production.
        assertThat(d.warmup()).isEqualTo(Duration.ofSeconds(60));
        assertThat(planned).isLessThanOrEqualTo(Duration.ofMinutes(6));
        assertThat(d.poolSize()).isEqualTo(32);
        assertThat(d.jar()).isEqualTo(Path.of("bootstrap/target/enroll.jar"));
        assertThat(d.checkpoints()).isTrue();
    }

    @Test
    void reads_both_option_forms_and_every_duration_unit() {
        BenchmarkSettings s = BenchmarkSettings.parse(List.of("--duration", "3s", "--ramp=500ms", "--warmup", "1m",
                "--concurrency", "64, 1,8", "--scenarios=mix,raw-insert", "--pool-size", "16", "--seed-users=200",
                "--paced-fraction", "0.25", "--server-jvm-opts", "-Xmx512m  -XX:+UseSerialGC", "--checkpoints", "off"),
                "pw");

        assertThat(s.stepDuration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.ramp()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.warmup()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.concurrency()).containsExactly(1, 8, 64);
        assertThat(s.scenarios()).containsExactly(Scenario.RAW_INSERT, Scenario.MIX);
        assertThat(s.poolSize()).isEqualTo(16);
        assertThat(s.seedUsers()).isEqualTo(200);
        assertThat(s.pacedFraction()).isEqualTo(0.25);
        assertThat(s.serverJvmOptions()).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
        assertThat(s.databasePassword()).isEqualTo("pw");
        assertThat(s.checkpoints()).isFalse();
        assertThat(BenchmarkSettings.parseDuration("7", "x")).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void refuses_what_would_make_a_meaningless_or_unsafe_run() {
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--bogus", "1"), null))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--duration"), null))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--duration", "soon"), null))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--duration", "0s"), null))
                .hasMessageContaining("more than zero");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--pool-size", "500"), null))
                .hasMessageContaining("1 to 200");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--scenarios", "delete"), null))
                .hasMessageContaining("unknown scenario 'delete'");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--seed-users", "10"), null))
                .hasMessageContaining("at least the highest concurrency (64)");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--paced-fraction", "2"), null))
                .hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--duration", "1s", "--duration", "2s"), null))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--checkpoints", "yes"), null))
                .hasMessageContaining("on or off");
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("stray"), null))
                .hasMessageContaining("unexpected argument");
    }

    @Test
    void talks_to_a_database_on_this_machine_only() {
        assertThat(BenchmarkSettings.parse(List.of("--db-server", "jdbc:postgresql://127.0.0.1:5433/postgres"), null)
                .databaseServerUrl()).contains("127.0.0.1");
        assertThatThrownBy(() -> BenchmarkSettings.parse(
                List.of("--db-server", "jdbc:postgresql://db.example.com:5432/postgres"), null))
                .hasMessageContaining("localhost");
    }

    @Test
    void describing_the_settings_never_shows_the_password() {
        BenchmarkSettings s = BenchmarkSettings.parse(List.of(), "s3cret-pw");

        assertThat(String.join("\n", s.describe())).doesNotContain("s3cret-pw").contains("ENROLL_DB_POOL_SIZE=32");
        assertThat(s.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void help_is_recognised() {
        assertThat(BenchmarkSettings.wantsHelp(List.of("--duration", "1s", "--help"))).isTrue();
        assertThat(BenchmarkSettings.USAGE).contains("--concurrency", "--pool-size", "ENROLL_BENCH_DB_PASSWORD");
    }

    @Test
    void theListAndFindScenariosNeedABook() {
        assertThatThrownBy(() -> BenchmarkSettings.parse(List.of("--scenarios", "list-deep"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--book-users");
        BenchmarkSettings book = BenchmarkSettings.parse(List.of("--scenarios", "find-email,create,list-deep",
                "--book-users", "1000000"), null);
        assertThat(book.bookUsers()).isEqualTo(1_000_000);
        assertThat(book.scenarios()).containsExactly(Scenario.CREATE, Scenario.LIST_DEEP, Scenario.FIND_EMAIL);
    }
}
