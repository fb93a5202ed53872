package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void reads_utime_and_stime_even_when_the_command_name_has_spaces_and_parentheses() {
        String stat = "4242 (java (serve) x) S 1 4242 4242 0 -1 4194560 5000 0 0 0 250 50 0 0 20 0 40 0 123 456 789";

        assertThat(CpuMeter.ticks(stat)).isEqualTo(300);
    }

    @Test
    void counts_the_backends_present_at_both_readings_only() {
        CpuMeter.Reading before = new CpuMeter.Reading(1_000_000, Map.of(10L, 5_000_000L, 11L, 1_000_000L), 0);
        CpuMeter.Reading after = new CpuMeter.Reading(21_000_000,
                Map.of(10L, 9_000_000L, 12L, 70_000_000L), 2_000_000);

        CpuUse used = before.until(after);

        assertThat(used.serverMs()).isEqualTo(20);
        assertThat(used.databaseMs()).isEqualTo(4);
        assertThat(used.driverMs()).isEqualTo(2);
        assertThat(used.perRequest(4).serverMs()).isEqualTo(5);
    }

    @Test
    void this_process_has_used_some_cpu_and_a_meter_without_a_server_measures_nothing() throws Exception {
        assertThat(CpuMeter.cpuNanos(ProcessHandle.current().pid())).isPositive();
        CpuMeter none = CpuMeter.none();
        assertThat(none.read().until(none.read()).serverMs()).isNaN();
    }
}
