package dev.enroll.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The targets, checked against a run: each met, missed, or not measured by this run. */
final class Targets {

    static final int RATIO_CONCURRENCY = 32;
    static final double MIN_RATIO = 0.60;
    static final double MAX_PACED_P99_MS = 50;
    /** Issue 15: a deep page and each lookup of a million-user book, from one client, at the median. */
    static final double MAX_BOOK_P50_MS = 5;

    enum Verdict { MET, MISSED, NOT_MEASURED }

    record Check(String target, String measured, Verdict verdict) {
    }

    private Targets() {
    }

    static List<Check> evaluate(RunResults results) {
        List<Check> checks = new ArrayList<>();
        String ratioTarget = "API create throughput >= " + Math.round(MIN_RATIO * 100) + "% of raw insert at "
                + RATIO_CONCURRENCY + " clients";
        Optional<StepResult> create = results.step(Scenario.CREATE, RATIO_CONCURRENCY);
        OptionalDouble ratio = create.map(results::ratioToRaw).orElse(OptionalDouble.empty());
        checks.add(ratio.isPresent()
                ? new Check(ratioTarget, String.format(Locale.ROOT, "%.1f%% (%.0f vs %.0f req/s)",
                ratio.getAsDouble() * 100, create.get().throughput(),
                results.step(Scenario.RAW_INSERT, RATIO_CONCURRENCY).get().throughput()),
                ratio.getAsDouble() >= MIN_RATIO ? Verdict.MET : Verdict.MISSED)
                : new Check(ratioTarget, "create and raw-insert at " + RATIO_CONCURRENCY + " did not both run",
                Verdict.NOT_MEASURED));

        String pacedTarget = "p99 < " + Math.round(MAX_PACED_P99_MS) + " ms on the paced step (issue: at ~50% of peak)";
        checks.add(results.paced()
                .map(p -> new Check(pacedTarget, String.format(Locale.ROOT, "%.1f ms at %.0f req/s (%s)", p.p99Ms(),
                        p.targetRate(), p.scenario().label()),
                        p.p99Ms() < MAX_PACED_P99_MS && p.requests() > 0 ? Verdict.MET : Verdict.MISSED))
                .orElse(new Check(pacedTarget, "no paced step ran", Verdict.NOT_MEASURED)));

        String bookTarget = "list-deep and every find-* p50 < " + Math.round(MAX_BOOK_P50_MS) + " ms at 1 client";
        List<StepResult> book = results.steps().stream()
                .filter(step -> step.scenario().readsTheBook() && step.concurrency() == 1).toList();
        checks.add(book.isEmpty()
                ? new Check(bookTarget, "no book step ran at 1 client", Verdict.NOT_MEASURED)
                : book.stream().max(Comparator.comparingDouble(StepResult::p50Ms))
                .map(slowest -> new Check(bookTarget, String.format(Locale.ROOT, "slowest %s, p50 %.2f ms",
                        slowest.scenario().label(), slowest.p50Ms()),
                        slowest.p50Ms() < MAX_BOOK_P50_MS ? Verdict.MET : Verdict.MISSED)).orElseThrow());

        long errors = results.totalErrors();
        checks.add(new Check("zero errors", errors + " error" + (errors == 1 ? "" : "s"),
                errors == 0 ? Verdict.MET : Verdict.MISSED));
        return checks;
    }
}
