package dev.enroll.benchmark;

import java.util.Locale;

/** The results as CSV, one row per step, for spreadsheets and for comparing runs. */
final class ResultsCsv {

    static final String HEADER = "scenario,mode,clients,target_rate,requests,errors,seconds,req_per_s,p50_ms,p95_ms,"
            + "p99_ms,max_ms,ratio_to_raw,server_cpu_ms_per_req,db_cpu_ms_per_req,driver_cpu_ms_per_req";

    private ResultsCsv() {
    }

    static String render(RunResults results) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (StepResult step : results.steps()) {
            out.append(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%d,%d,%.3f,%.1f,%.3f,%.3f,%.3f,%.3f,%s,%s,%s,%s%n",
                    step.scenario().label(), step.paced() ? "paced" : "closed", step.concurrency(), step.targetRate(),
                    step.requests(), step.errors(), step.seconds(), step.throughput(), step.p50Ms(), step.p95Ms(),
                    step.p99Ms(), step.maxMs(),
                    results.ratioToRaw(step).isPresent()
                            ? String.format(Locale.ROOT, "%.3f", results.ratioToRaw(step).getAsDouble()) : "",
                    csvNumber(step.cpuPerRequest().serverMs()), csvNumber(step.cpuPerRequest().databaseMs()),
                    csvNumber(step.cpuPerRequest().driverMs())));
        }
        return out.toString();
    }

    private static String csvNumber(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
