package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path directory;

    static RunResults sample(long createErrors) {
        List<StepResult> steps = new ArrayList<>();
        // Scenario by scenario, as the driver runs them.
        for (Scenario scenario : List.of(Scenario.RAW_INSERT, Scenario.CREATE, Scenario.READ)) {
            for (int clients : List.of(1, 32)) {
                steps.add(switch (scenario) {
                    case RAW_INSERT -> step(scenario, clients, 0, 1000.0 * clients / 8 + 500, 0);
                    case CREATE -> step(scenario, clients, 0, 700.0 * clients / 8 + 300, createErrors);
                    default -> step(scenario, clients, 0, 3000, 0);
                });
            }
        }
        steps.add(new StepResult(Scenario.CREATE, 64, 1600, 16000, 0, Map.of(), 10, 2.1, 8.0, 21.5, 60.2,
                new CpuUse(0.9, 0.3, 0.1)));
        MachineState before = new MachineState(Instant.parse("2025-11-22T11:00:00Z"), 2, "1.50 1.20 0.90", 100,
                10_000);
        MachineState after = new MachineState(Instant.parse("2025-11-22T11:05:00Z"), 2, "3.00 2.00 1.00", 2_100,
                30_000);
        return new RunResults(List.of("step duration 10 s measured", "server ENROLL_DB_POOL_SIZE=10"), before,
                after, "17.0.15", "15.8", Duration.ofMillis(2100), new Startup(Duration.ofMillis(1800),
                Duration.ofMillis(1900)), new ResidentMemory(300 * 1024, 350 * 1024), 0, steps);
    }

    private static StepResult step(Scenario scenario, int clients, double rate, double throughput, long errors) {
        return new StepResult(scenario, clients, rate, Math.round(throughput * 10), errors,
                errors == 0 ? Map.of() : Map.of("HTTP 500", errors), 10, 1.0 * clients, 2.0 * clients,
                3.0 * clients, 10.0 * clients,
                scenario == Scenario.RAW_INSERT ? new CpuUse(0, 0.25, 0.05) : new CpuUse(1.25, 0.5, 0.2));
    }

    @Test
    void the_table_shows_every_step_the_ratio_to_raw_and_the_targets() {
        String table = ResultsTable.render(sample(0));

        // 2000 of 20000 ticks went to other guests.
        assertThat(table).contains("load average 1.50 1.20 0.90 at start", "3.00 2.00 1.00 at end",
                "10% of CPU time stolen by the hypervisor during the run", "ENROLL_DB_POOL_SIZE=10",
                "1900 ms from spawning", "VmRSS 300 MiB (peak VmHWM 350 MiB)");
        assertThat(table).containsPattern("raw-insert\\s+32\\s+4500\\.0");
        // create at 32: 3100 / 4500 = 69%.
        assertThat(table).containsPattern("create\\s+32\\s+3100\\.0 .* 69%");
        assertThat(table).containsPattern("create paced 1600/s\\s+<=64\\s+1600\\.0");
        assertThat(table).contains("[MET]", "68.9% (3100 vs 4500 req/s)", "21.5 ms at 1600 req/s", "0 errors");
        assertThat(table).doesNotContain("errors by kind");
        // CPU per row: 0.50 ms for a create, 0.25 for a raw insert.
        assertThat(table).contains("0.50 ms for an API create, 0.25 ms for a raw insert (2.0x)",
                "about 50% of the raw");
    }

    @Test
    void the_book_target_judges_the_slowest_list_or_lookup_from_one_client() {
        RunResults plain = sample(0);
        List<StepResult> steps = new ArrayList<>(plain.steps());
        steps.add(new StepResult(Scenario.LIST_DEEP, 1, 0, 5000, 0, Map.of(), 10, 1.2, 2.0, 3.0, 9.0,
                new CpuUse(1.5, 0.3, 0.2)));
        steps.add(new StepResult(Scenario.FIND_UPDATED_SINCE, 1, 0, 2000, 0, Map.of(), 10, 5.3, 8.0, 11.0, 20.0,
                new CpuUse(1.5, 4.2, 0.2)));
        // At 32 clients latency is queueing, not the target's concern.
        steps.add(new StepResult(Scenario.FIND_EMAIL, 32, 0, 50000, 0, Map.of(), 10, 4.7, 18.0, 36.0, 160.0,
                new CpuUse(0.2, 0.2, 0.1)));
        RunResults withBook = new RunResults(plain.settings(), plain.before(), plain.after(), plain.javaVersion(),
                plain.postgresVersion(), plain.migrate(), plain.startup(), plain.memory(), 0, steps);

        assertThat(ResultsTable.render(plain))
                .contains("[NOT_MEASURED] list-deep and every find-* p50 < 5 ms at 1 client: no book step ran");
        assertThat(ResultsTable.render(withBook))
                .contains("[MISSED]      list-deep and every find-* p50 < 5 ms at 1 client: slowest "
                        + "find-updated-since, p50 5.30 ms");
    }

    @Test
    void errors_fail_the_target_and_are_listed_by_kind() {
        String table = ResultsTable.render(sample(3));

        assertThat(table).contains("[MISSED]      zero errors: 6 errors", "create at 32 clients: HTTP 500 x 3");
    }

    @Test
    void csv_has_one_row_per_step() {
        String csv = ResultsCsv.render(sample(0));

        assertThat(csv.lines()).hasSize(1 + 7).first().isEqualTo(ResultsCsv.HEADER);
        assertThat(csv).contains("create,closed,32,0.0,31000,0,10.000,3100.0,32.000,64.000,96.000,320.000,0.689")
                .contains("create,paced,64,1600.0,16000,0");
    }

    @Test
    void writes_text_csv_and_a_self_contained_html_report_with_two_charts() throws Exception {
        List<Path> written = new ReportWriter(directory).write(sample(0));

        assertThat(written).extracting(p -> p.getFileName().toString())
                .containsExactly("results.txt", "results.csv", "report.html");
        String html = Files.readString(directory.resolve("report.html"));
        assertThat(html.split("<svg ", -1)).hasSize(3);
        assertThat(html).contains("Paced (open-loop) create step at 1600 req/s", "class=\"verdict MET\"")
                .doesNotContain("<script").doesNotContain("http://www.w3.org/1999").doesNotContain("https://");
    }
}
