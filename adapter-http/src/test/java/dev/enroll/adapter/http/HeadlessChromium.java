package dev.enroll.adapter.http;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, run headless on one page at a time, with a fresh profile and none of
 * its background traffic. Where it is not installed the calling test is skipped and says why,
 * unless {@code ENROLL_REQUIRE_BROWSER=true} (CI sets it, after installing it): then its absence
 * fails the test, so a browser test never passes by not running.
 */
final class HeadlessChromium {

    static final String REQUIRE = "ENROLL_REQUIRE_BROWSER";
    /** Long enough for the page's scripts to fetch the document and render it. */
    private static final int VIRTUAL_TIME_MILLIS = 15_000;
    private static final long DEADLINE_SECONDS = 120;

    private final Path executable;
    private final Path profiles;

    private HeadlessChromium(Path executable, Path profiles) {
        this.executable = executable;
        this.profiles = profiles;
    }

    /** The browser, or the test skipped (or failed, where a browser is required) when there is none. */
    static HeadlessChromium find(Path profiles) {
        Optional<Path> found = onPath("chromium").or(() -> onPath("chromium-browser"));
        if (found.isEmpty()) {
            String reason = "no chromium on the PATH (apt-get install chromium; .ci/run does)";
            if (Boolean.parseBoolean(System.getenv(REQUIRE))) {
                throw new AssertionError(REQUIRE + " is true but there is " + reason);
            }
            Assumptions.abort("skipped: " + reason);
        }
        return new HeadlessChromium(found.get(), profiles);
    }

    /** The page's DOM once its scripts have run. */
    String dom(String url) throws IOException, InterruptedException {
        return run(url, List.of("--dump-dom"));
    }

    /** Saves a picture of the page, once its scripts have run. */
    void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(url, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,2400", "--hide-scrollbars"));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    private String run(String url, List<String> what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium-profile"),
                "--virtual-time-budget=" + VIRTUAL_TIME_MILLIS));
        command.addAll(what);
        command.add(url);
        Path output = Files.createTempFile(profiles, "chromium", ".out");
        Path errors = Files.createTempFile(profiles, "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(errors.toFile()).start();
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within " + DEADLINE_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + process.exitValue() + ": "
                    + Files.readString(errors, StandardCharsets.UTF_8));
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
