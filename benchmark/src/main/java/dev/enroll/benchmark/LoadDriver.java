package dev.enroll.benchmark;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the steps in order: a warm-up (so the server's JIT has compiled the hot paths before
 * anything counts), every chosen scenario at every concurrency level, and last the paced step at
 * a share of the peak create rate just measured. Each step starts after a checkpoint ({@link CleanStart})
 * unless {@code --checkpoints off}. Progress goes to {@code progress}, one line a step.
 */
final class LoadDriver {

    private static final int WARMUP_CLIENTS_PER_KIND = 4;

    private final BenchmarkSettings settings;
    private final ApiScenarios api;
    private final RawInsertLimit raw;
    private final CpuMeter cpu;
    private final CleanStart cleanStart;
    private final PrintStream progress;

    LoadDriver(BenchmarkSettings settings, ApiScenarios api, RawInsertLimit raw, CpuMeter cpu,
               CleanStart cleanStart, PrintStream progress) {
        this.settings = settings;
        this.api = api;
        this.raw = raw;
        this.cpu = cpu;
        this.cleanStart = cleanStart;
        this.progress = progress;
    }

    List<StepResult> run() throws Exception {
        warmUp();
        List<StepResult> steps = new ArrayList<>();
        // Level by level: the raw insert and the creates it is compared with run minutes apart no more,
        // so a change in what the rest of a shared host does shifts both alike.
        for (int clients : settings.concurrency()) {
            for (Scenario scenario : settings.scenarios()) {
                cleanStart.beforeStep();
                StepResult step = scenario == Scenario.RAW_INSERT
                        ? raw.measure(clients, settings.ramp(), settings.stepDuration(), settings.requestTimeout(),
                        cpu)
                        : ClosedLoop.run(scenario, api.clients(scenario, clients), settings.ramp(),
                        settings.stepDuration(), settings.requestTimeout(), cpu);
                report(step);
                steps.add(step);
            }
        }
        // Shown scenario by scenario, in the order asked for.
        steps.sort(Comparator.comparingInt((StepResult step) -> settings.scenarios().indexOf(step.scenario()))
                .thenComparingInt(StepResult::concurrency));
        paced(steps).ifPresent(steps::add);
        return steps;
    }

    /** Creates and the mix's creates, updates and reads, side by side: every endpoint gets compiled. */
    private void warmUp() throws InterruptedException, SQLException {
        if (settings.warmup().isZero()) {
            return;
        }
        progress.printf("[bench] warming up for %s%n", BenchmarkSettings.human(settings.warmup()));
        List<Operation> clients = new ArrayList<>(api.clients(Scenario.MIX, WARMUP_CLIENTS_PER_KIND));
        clients.addAll(api.clients(Scenario.CREATE, WARMUP_CLIENTS_PER_KIND));
        StepResult warm = ClosedLoop.run(Scenario.MIX, clients, Duration.ZERO, settings.warmup(),
                settings.requestTimeout(), CpuMeter.none());
        if (warm.errors() > 0) {
            progress.printf("[bench] warm-up saw %d errors: %s%n", warm.errors(), warm.errorKinds());
        }
    }

    /** The open-loop step, on the create scenario measured (plain create, else with policy), if any. */
    private Optional<StepResult> paced(List<StepResult> steps) throws Exception {
        if (settings.pacedFraction() == 0) {
            return Optional.empty();
        }
        for (Scenario scenario : List.of(Scenario.CREATE, Scenario.CREATE_WITH_POLICY)) {
            double peak = steps.stream().filter(s -> s.scenario() == scenario).mapToDouble(StepResult::throughput)
                    .max().orElse(0);
            if (peak > 0) {
                double rate = peak * settings.pacedFraction();
                progress.printf(Locale.ROOT, "[bench] paced %s at %.0f req/s (%.0f%% of the peak %.0f req/s)%n",
                        scenario.label(), rate, settings.pacedFraction() * 100, peak);
                cleanStart.beforeStep();
                StepResult step = OpenLoop.run(scenario, rate, api.clients(scenario, settings.highestConcurrency()),
                        settings.ramp(), settings.stepDuration(), settings.requestTimeout(), cpu);
                report(step);
                return Optional.of(step);
            }
        }
        progress.println("[bench] no create step ran, so there is no peak create rate to pace at");
        return Optional.empty();
    }

    private void report(StepResult step) {
        progress.printf(Locale.ROOT, "[bench] %-24s %3d clients %8.1f req/s  p50 %7.2f  p99 %8.2f ms  errors %d"
                        + "  cpu ms/req server %.2f db %.2f driver %.2f%n",
                ResultsTable.label(step), step.concurrency(), step.throughput(), step.p50Ms(), step.p99Ms(),
                step.errors(), step.cpuPerRequest().serverMs(), step.cpuPerRequest().databaseMs(),
                step.cpuPerRequest().driverMs());
    }
}
