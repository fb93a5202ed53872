package dev.enroll.benchmark;

import static dev.enroll.benchmark.SvgLineChart.escape;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The results as one HTML page that opens anywhere, offline: the targets, then throughput and
 * p99 per concurrency per scenario as inline SVG, then the full table. No script, no fonts or
 * libraries fetched from anywhere.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    /** Okabe-Ito colours, told apart by colour-blind readers too; the raw limit is grey and dashed. */
    static String color(Scenario scenario) {
        return switch (scenario) {
            case RAW_INSERT -> "#555555";
            case CREATE -> "#0072B2";
            case CREATE_WITH_POLICY -> "#E69F00";
            case UPDATE -> "#009E73";
            case READ -> "#CC79A7";
            case MIX -> "#D55E00";
            case LIST_DEEP -> "#56B4E9";
            case FIND_EMAIL, FIND_PHONE, FIND_EXTERNAL_ID, FIND_POLICY, FIND_UPDATED_SINCE -> "#000000";
        };
    }

    static String render(RunResults results) {
        StringBuilder html = new StringBuilder();
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Enroll API load benchmark</title>
                <style>
                  body { font-family: sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; }
                  h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
                  table { border-collapse: collapse; font-size: 0.9em; }
                  th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #ddd; text-align: right; }
                  th:first-child, td:first-child { text-align: left; }
                  .MET { color: #fff; background: #2a7d2a; } .MISSED { color: #fff; background: #b22; }
                  .NOT_MEASURED { color: #222; background: #ddd; }
                  .verdict { padding: 0.1em 0.5em; border-radius: 3px; font-size: 0.85em; }
                  .muted { color: #666; font-size: 0.9em; }
                  figure { margin: 1.5em 0; }
                </style>
                </head>
                <body>
                """);
        html.append("<h1>Enroll API load benchmark</h1>\n");
        html.append("<p class=\"muted\">")
                .append(escape(results.before().at().truncatedTo(ChronoUnit.SECONDS).toString())).append(" &middot; ")
                .append(results.before().cores()).append(" cores &middot; load average ")
                .append(escape(results.before().loadAverage())).append(" at start, ")
                .append(escape(results.after().loadAverage())).append(" at end &middot; Java ")
                .append(escape(results.javaVersion())).append(" &middot; PostgreSQL ")
                .append(escape(results.postgresVersion())).append("</p>\n");

        html.append("<h2>Targets</h2>\n<ul>\n");
        for (Targets.Check check : Targets.evaluate(results)) {
            html.append("<li><span class=\"verdict ").append(check.verdict()).append("\">")
                    .append(check.verdict().name().replace('_', ' ')).append("</span> ")
                    .append(escape(check.target())).append(": <b>").append(escape(check.measured()))
                    .append("</b></li>\n");
        }
        results.databaseWorkNote().ifPresent(note -> html.append("<li>").append(escape(note)).append("</li>\n"));
        html.append(String.format(Locale.ROOT, "<li>start-up: <b>%d ms</b> from spawn to the first 200 from"
                        + " /health/ready (%d ms to &ldquo;listening on port&rdquo;)</li>%n",
                results.startup().toReady().toMillis(), results.startup().toListening().toMillis()));
        html.append(String.format(Locale.ROOT, "<li>server resident memory at the end: <b>%.0f MiB</b>"
                + " (peak %.0f MiB)</li>%n</ul>%n", results.memory().rssMiB(), results.memory().peakMiB()));

        html.append("<h2>Throughput</h2>\n<figure>\n")
                .append(chart(results, "Successful requests per second", "requests/s", StepResult::throughput, null))
                .append("</figure>\n");
        html.append("<h2>p99 latency</h2>\n<figure>\n")
                .append(chart(results, "p99 latency, closed loop", "ms", StepResult::p99Ms,
                        new SvgLineChart.Reference(Targets.MAX_PACED_P99_MS, "50 ms: the paced step's target")))
                .append("</figure>\n");
        Optional<StepResult> paced = results.paced();
        paced.ifPresent(p -> html.append(String.format(Locale.ROOT, "<p>Paced (open-loop) %s step at %.0f req/s:"
                        + " p50 %.1f ms, p99 <b>%.1f ms</b>, max %.1f ms, %d errors. Its latencies run from when each"
                        + " request was due, so they include any wait the server caused.</p>%n",
                escape(p.scenario().label()), p.targetRate(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.errors())));

        html.append("<h2>All steps</h2>\n<table>\n<tr><th>scenario</th><th>clients</th><th>req/s</th><th>p50 ms</th>"
                + "<th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>errors</th><th>vs raw</th>"
                + "<th title=\"CPU ms per request: server process\">srv cpu</th>"
                + "<th title=\"CPU ms per request: PostgreSQL backends\">db cpu</th>"
                + "<th title=\"CPU ms per request: this driver\">drv cpu</th></tr>\n");
        for (StepResult step : results.steps()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%.1f</td><td>%.2f</td>"
                            + "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%d</td><td>%s</td>"
                            + "<td>%s</td><td>%s</td><td>%s</td></tr>%n",
                    escape(ResultsTable.label(step)), (step.paced() ? "&le;" : "") + step.concurrency(),
                    step.throughput(), step.p50Ms(), step.p95Ms(), step.p99Ms(), step.maxMs(), step.errors(),
                    results.ratioToRaw(step).isPresent()
                            ? String.format(Locale.ROOT, "%.0f%%", results.ratioToRaw(step).getAsDouble() * 100) : "",
                    ResultsTable.cpu(step.cpuPerRequest().serverMs()),
                    ResultsTable.cpu(step.cpuPerRequest().databaseMs()),
                    ResultsTable.cpu(step.cpuPerRequest().driverMs())));
        }
        html.append("</table>\n<p class=\"muted\">CPU columns: milliseconds of CPU per successful request used by"
                + " the server process, by the PostgreSQL backends of the benchmark's database, and by this driver,"
                + " during the measured window. They depend less on other load than throughput does, but an"
                + " overloaded machine raises them too.</p>\n");

        html.append("<h2>Settings</h2>\n<ul class=\"muted\">\n");
        for (String setting : results.settings()) {
            html.append("<li>").append(escape(setting)).append("</li>\n");
        }
        html.append(String.format(Locale.ROOT, "<li>migrate (empty database): %d ms</li>%n",
                results.migrate().toMillis()));
        html.append("</ul>\n<p class=\"muted\">Scenarios: ");
        List<String> descriptions = new ArrayList<>();
        for (Scenario scenario : results.scenarios()) {
            descriptions.add("<b>" + escape(scenario.label()) + "</b> " + escape(scenario.description()));
        }
        html.append(String.join("; ", descriptions)).append(".</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String chart(RunResults results, String title, String yLabel, ToDoubleFunction<StepResult> value,
                                SvgLineChart.Reference reference) {
        List<Integer> levels = results.concurrencyLevels();
        List<SvgLineChart.Series> series = new ArrayList<>();
        for (Scenario scenario : results.scenarios()) {
            List<Double> values = new ArrayList<>();
            for (int level : levels) {
                values.add(results.step(scenario, level).map(value::applyAsDouble).orElse(Double.NaN));
            }
            series.add(new SvgLineChart.Series(scenario.label(), color(scenario), scenario == Scenario.RAW_INSERT,
                    values));
        }
        return new SvgLineChart(title, "concurrent clients", yLabel,
                levels.stream().map(String::valueOf).toList(), series, reference).svg();
    }
}
