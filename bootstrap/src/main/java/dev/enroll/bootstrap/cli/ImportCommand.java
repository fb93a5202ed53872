package dev.enroll.bootstrap.cli;

import dev.enroll.adapter.http.client.ImportClient;
import dev.enroll.bootstrap.config.Config;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Sends a CSV or NDJSON file to {@code POST /api/users/import} of a running Enroll, showing
 * progress, and writes the answer for every row to a results file.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import users from a CSV or NDJSON file through a running Enroll's API.",
                "Writes one answer line per row to the results file, prints the summary, and exits with 1 if any "
                        + "row was rejected or the import did not finish."})
final class ImportCommand implements Callable<Integer> {

    static final String SECRET_VARIABLE = Config.CLIENT_SECRET;

    private final EnrollCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The API's base URL, e.g. https://enroll.example.com.")
    private URI url;

    @Option(names = "--partner-id", required = true, paramLabel = "ID", description = "Your partner id.")
    private String partnerId;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "Your client id.")
    private String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET",
            description = "Your client secret; better in the environment variable " + SECRET_VARIABLE
                    + ", out of your shell's history.")
    private String clientSecret;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv or ndjson (default: from the file's extension, .csv, .ndjson or .jsonl).")
    private String format;

    @Option(names = "--results", paramLabel = "FILE",
            description = "Where to write the answer for every row (default: FILE.results.ndjson next to FILE).")
    private Path results;

    @Option(names = "--return-existing", description = "Answer rows whose user exists already with that user, "
            + "instead of rejecting them (returnExistingUserIfExists); makes re-sending a file safe.")
    private boolean returnExisting;

    @Option(names = "--dry-run", description = "Check every row, identities included, and write nothing.")
    private boolean dryRun;

    @Parameters(paramLabel = "FILE", description = "The CSV (with a header row) or NDJSON file.")
    private Path file;

    ImportCommand(EnrollCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() throws IOException {
        String secret = clientSecret != null ? clientSecret : root.context().environment().get(SECRET_VARIABLE);
        if (secret == null || secret.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing client secret: set " + SECRET_VARIABLE
                    + " or give --client-secret");
        }
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), (Files.isDirectory(file) ? "A directory, not a file: "
                    : Files.exists(file) ? "Not a regular file: " : "No such file: ") + file);
        }
        // Checked here, as bad usage: the HTTP client would refuse it later, as an unexpected failure.
        if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
                || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--url must be an http or https URL with a host, such as"
                    + " https://enroll.example.com; got " + url);
        }
        ImportClient.Format rowFormat = format();
        Path resultsFile = results != null ? results : file.resolveSibling(file.getFileName() + ".results.ndjson");
        PrintWriter out = root.context().out();
        long answered;
        ImportClient.Outcome outcome;
        Path resultsDirectory = resultsFile.toAbsolutePath().getParent();
        if (resultsDirectory != null && !Files.isDirectory(resultsDirectory)) {
            throw new ParameterException(spec.commandLine(), "No such directory for the results: " + resultsDirectory);
        }
        try (ImportClient client = new ImportClient(url)) {
            // The token first: a server that cannot be reached leaves no empty results file behind.
            String token = client.token(partnerId, clientId, secret);
            try (BufferedWriter answers = Files.newBufferedWriter(resultsFile, StandardCharsets.UTF_8);
                 ImportProgress progress = ImportProgress.start(estimatedRows(rowFormat), root.context().err());
                 InputStream rows = Files.newInputStream(file)) {
                outcome = client.importFile(token, rows, rowFormat, query(), (line, status) -> {
                    try {
                        answers.write(line);
                        answers.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    progress.row();
                });
                answered = progress.rows();
            }
        }
        if (outcome.summary() == null) {
            out.println("The import stopped after " + answered + " rows: "
                    + outcome.error() + ". Rows answered so far are in " + resultsFile
                    + "; send the file again with --return-existing to finish it.");
            return Cli.FAILED;
        }
        ImportClient.Summary summary = outcome.summary();
        out.printf(Locale.ROOT, "%s%s: %d rows, %d created, %d existing, %d rejected in %.1f s. Results: %s%n",
                dryRun ? "Dry run of " : "Imported ", file, summary.rows(), summary.created(), summary.existing(),
                summary.rejected(), summary.seconds(), resultsFile);
        return summary.rejected() == 0 ? 0 : Cli.FAILED;
    }

    private ImportClient.Format format() {
        String chosen = format;
        if (chosen == null) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                chosen = "csv";
            } else if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
                chosen = "ndjson";
            } else {
                throw new ParameterException(spec.commandLine(), "Cannot tell the format of " + file
                        + " from its extension: give --format csv or --format ndjson");
            }
        }
        return switch (chosen.toLowerCase(Locale.ROOT)) {
            case "csv" -> ImportClient.Format.CSV;
            case "ndjson" -> ImportClient.Format.NDJSON;
            default -> throw new ParameterException(spec.commandLine(), "--format must be csv or ndjson");
        };
    }

    private String query() {
        return "?returnExistingUserIfExists=" + returnExisting + "&dryRun=" + dryRun;
    }

    /** Lines in the file (less the CSV header): the progress bar's end, exact unless CSV cells hold line breaks. */
    private long estimatedRows(ImportClient.Format rowFormat) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return rowFormat == ImportClient.Format.CSV ? Math.max(0, lines - 1) : lines;
    }
}
