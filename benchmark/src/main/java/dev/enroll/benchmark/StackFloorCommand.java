package dev.enroll.benchmark;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How {@link StackFloor} is started: on the libraries of the Enroll jar under test (then the
 * benchmark jar, for the class itself), with that jar's documented JVM options, except that its
 * AppCDS archive is the floor's own, made as the build makes Enroll's: a rehearsed start lists the
 * classes it loads, then {@code -Xshare:dump} archives them.
 */
record StackFloorCommand(Path enrollJar, Path benchmarkJar, Path archive) {

    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    private static final long DUMP_TIMEOUT_SECONDS = 120;

    static StackFloorCommand beside(Path enrollJar, Path work) {
        try {
            Path benchmarkJar = Path.of(StackFloor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new StackFloorCommand(enrollJar, benchmarkJar, work.resolve("stack-floor.jsa"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the benchmark jar is", e);
        }
    }

    /** The start that lists the classes a start loads, into {@code classList}. */
    List<String> rehearsal(Path classList) throws IOException {
        return command(List.of("-XX:DumpLoadedClassList=" + classList), false);
    }

    /** Archives the rehearsal's classes; fails if the JVM cannot. */
    void dump(Path classList) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(EnrollJar.javaExecutable());
        command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, ARCHIVE_OPTION + archive,
                "-Xlog:cds=off", "-XX:+UseSerialGC", "-cp", classPath()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.isRegularFile(archive)) {
            process.destroyForcibly();
            throw new IllegalStateException("-Xshare:dump made no archive for the stack floor");
        }
    }

    /** A timed start: the documented options with the floor's archive. */
    List<String> serve() throws IOException {
        return command(List.of(), true);
    }

    private List<String> command(List<String> extra, boolean withArchive) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(EnrollJar.javaExecutable());
        for (String option : documentedOptions()) {
            if (!option.startsWith(ARCHIVE_OPTION)) {
                command.add(option);
            } else if (withArchive) {
                command.add(ARCHIVE_OPTION + archive);
            }
        }
        command.addAll(extra);
        command.addAll(List.of("-cp", classPath(), StackFloor.class.getName()));
        return command;
    }

    /** The options file beside the jar, one option a line (the build writes it so), comments left out. */
    private List<String> documentedOptions() throws IOException {
        Path file = enrollJar.resolveSibling("jvm.options");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private String classPath() {
        return enrollJar + java.io.File.pathSeparator + benchmarkJar;
    }
}
