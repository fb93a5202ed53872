package dev.enroll.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes results.txt, results.csv and report.html side by side in the results directory. */
final class ReportWriter {

    private final Path directory;

    ReportWriter(Path directory) {
        this.directory = directory;
    }

    /** Writes the three files; answers their paths. */
    List<Path> write(RunResults results) throws IOException {
        Files.createDirectories(directory);
        Path text = write("results.txt", ResultsTable.render(results));
        Path csv = write("results.csv", ResultsCsv.render(results));
        Path html = write("report.html", HtmlReport.render(results));
        return List.of(text, csv, html);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }
}
