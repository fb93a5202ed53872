package dev.enroll.benchmark;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** The results as plain text: what the run prints at the end and keeps in results.txt. */
final class ResultsTable {

    private static final String ROW = "%-24s %7s %9s %7s %7s %7s %7s %6s %7s %6s %6s %6s%n";

    private ResultsTable() {
    }

    /** The hypervisor's share of the run's CPU time: what other guests of a shared host took. */
    static String stolen(RunResults results) {
        OptionalDouble share = results.after().stolenSince(results.before());
        return share.isPresent()
                ? String.format(Locale.ROOT, "%.0f%% of CPU time stolen by the hypervisor during the run",
                share.getAsDouble() * 100)
                : "stolen CPU time unknown";
    }

    static String render(RunResults results) {
        StringBuilder out = new StringBuilder();
        out.append("Enroll API load benchmark, ").append(results.before().at().truncatedTo(ChronoUnit.SECONDS))
                .append('\n');
        out.append(String.format(Locale.ROOT, "machine: %d cores; load average %s at start, %s at end"
                        + " (1, 5, 15 min); %s; Java %s; PostgreSQL %s%n",
                results.before().cores(), results.before().loadAverage(), results.after().loadAverage(),
                stolen(results), results.javaVersion(), results.postgresVersion()));
        for (String setting : results.settings()) {
            out.append("  ").append(setting).append('\n');
        }
        out.append(String.format(Locale.ROOT, "start-up: %d ms from spawning `enroll.jar serve` to the first 200"
                        + " from GET /health/ready (%d ms to \"listening on port\"); migrate took %d ms%n",
                results.startup().toReady().toMillis(), results.startup().toListening().toMillis(),
                results.migrate().toMillis()));
        out.append(String.format(Locale.ROOT, "server memory at the end: VmRSS %.0f MiB (peak VmHWM %.0f MiB);"
                        + " stopped with SIGTERM, exit code %d%n%n",
                results.memory().rssMiB(), results.memory().peakMiB(), results.serverExitCode()));

        out.append("CPU columns: milliseconds of CPU per request used by the server process (srv), by the"
                + " database's\nbackends (db) and by this driver (drv). Less at the mercy of other load than"
                + " throughput, not immune\nto it: on an overloaded machine every process needs more CPU per"
                + " request.\n\n");
        out.append(row("scenario", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms",
                "max ms", "errors", "vs raw", "srv", "db", "drv"));
        Scenario previous = null;
        for (StepResult step : results.steps()) {
            if (previous != null && (step.scenario() != previous || step.paced())) {
                out.append('\n');
            }
            previous = step.scenario();
            out.append(row(label(step),
                    step.paced() ? "<=" + step.concurrency() : Integer.toString(step.concurrency()),
                    String.format(Locale.ROOT, "%.1f", step.throughput()), ms(step.p50Ms()), ms(step.p95Ms()),
                    ms(step.p99Ms()), ms(step.maxMs()), Long.toString(step.errors()),
                    results.ratioToRaw(step).isPresent()
                            ? String.format(Locale.ROOT, "%.0f%%", results.ratioToRaw(step).getAsDouble() * 100)
                            : "",
                    cpu(step.cpuPerRequest().serverMs()), cpu(step.cpuPerRequest().databaseMs()),
                    cpu(step.cpuPerRequest().driverMs())));
        }

        out.append("\ntargets:\n");
        for (Targets.Check check : Targets.evaluate(results)) {
            out.append(String.format(Locale.ROOT, "  %-13s %s: %s%n", "[" + check.verdict() + "]", check.target(),
                    check.measured()));
        }
        results.databaseWorkNote().ifPresent(note -> out.append("\n").append(note).append(".\n"));
        if (results.totalErrors() > 0) {
            out.append("\nerrors by kind:\n");
            for (StepResult step : results.steps()) {
                for (Map.Entry<String, Long> kind : step.errorKinds().entrySet()) {
                    out.append(String.format(Locale.ROOT, "  %s at %d clients: %s x %d%n", label(step),
                            step.concurrency(), kind.getKey(), kind.getValue()));
                }
            }
        }
        return out.toString();
    }

    /** One aligned row, without the trailing blanks an empty last column would leave. */
    private static String row(Object... cells) {
        return String.format(Locale.ROOT, ROW, cells).stripTrailing() + "\n";
    }

    static String label(StepResult step) {
        return step.paced()
                ? String.format(Locale.ROOT, "%s paced %.0f/s", step.scenario().label(), step.targetRate())
                : step.scenario().label();
    }

    static String cpu(double msPerRequest) {
        return Double.isNaN(msPerRequest) ? "-" : String.format(Locale.ROOT, "%.2f", msPerRequest);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }
}
