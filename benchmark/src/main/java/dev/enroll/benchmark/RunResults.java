package dev.enroll.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Everything one run measured and the conditions it ran in: what the reports render. */
record RunResults(List<String> settings, MachineState before, MachineState after, String javaVersion,
                  String postgresVersion, Duration migrate, Startup startup, ResidentMemory memory,
                  int serverExitCode, List<StepResult> steps) {

    RunResults {
        settings = List.copyOf(settings);
        steps = List.copyOf(steps);
    }

    /** The closed-loop step of {@code scenario} at {@code concurrency}, when it ran. */
    Optional<StepResult> step(Scenario scenario, int concurrency) {
        return steps.stream().filter(s -> !s.paced() && s.scenario() == scenario && s.concurrency() == concurrency)
                .findFirst();
    }

    Optional<StepResult> paced() {
        return steps.stream().filter(StepResult::paced).findFirst();
    }

    /** The concurrency levels that ran, in order. */
    List<Integer> concurrencyLevels() {
        return steps.stream().filter(s -> !s.paced()).map(StepResult::concurrency).distinct().sorted().toList();
    }

    /** The scenarios that ran, in order. */
    List<Scenario> scenarios() {
        return steps.stream().filter(s -> !s.paced()).map(StepResult::scenario).distinct().sorted().toList();
    }

    /** A create step's throughput as a share of the raw insert's at the same concurrency. */
    OptionalDouble ratioToRaw(StepResult step) {
        if (!step.scenario().creates() || step.paced()) {
            return OptionalDouble.empty();
        }
        return step(Scenario.RAW_INSERT, step.concurrency())
                .filter(raw -> raw.throughput() > 0)
                .map(raw -> OptionalDouble.of(step.throughput() / raw.throughput()))
                .orElse(OptionalDouble.empty());
    }

    /**
     * How much more work PostgreSQL does for an API create than for a raw insert, at the ratio
     * target's concurrency: CPU of the database's backends per row. Unlike the throughput ratio it
     * leaves out the server's and the driver's CPU, which share the cores on a small machine, so it
     * says how close to "only the database limits us" the API could get on a machine of its own.
     */
    Optional<String> databaseWorkNote() {
        Optional<StepResult> create = step(Scenario.CREATE, Targets.RATIO_CONCURRENCY);
        Optional<StepResult> raw = step(Scenario.RAW_INSERT, Targets.RATIO_CONCURRENCY);
        if (create.isEmpty() || raw.isEmpty()) {
            return Optional.empty();
        }
        double api = create.get().cpuPerRequest().databaseMs();
        double limit = raw.get().cpuPerRequest().databaseMs();
        if (Double.isNaN(api) || Double.isNaN(limit) || limit <= 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "PostgreSQL CPU per row at %d clients: %.2f ms for an"
                        + " API create, %.2f ms for a raw insert (%.1fx); were the database the only limit, creates"
                        + " could reach about %.0f%% of the raw rate",
                Targets.RATIO_CONCURRENCY, api, limit, api / limit, 100 * limit / api));
    }

    long totalErrors() {
        return steps.stream().mapToLong(StepResult::errors).sum();
    }
}
