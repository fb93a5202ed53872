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

    /** The start that lists the classes a start loads, into {@code classList} (with no archive, so it lists all). */
    List<String> rehearsal(Path classList) {
        return command(List.of("-Xshare:off", "-XX:DumpLoadedClassList=" + classList));
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

    /**
     * A timed start: the documented options file, then the floor's archive in place of Enroll's
     * (a later option wins), which must map ({@code -Xshare:on}): a floor quietly without its
     * archive would flatter Enroll.
     */
    List<String> serve() {
        return command(List.of(ARCHIVE_OPTION + archive, "-Xshare:on"));
    }

    /** {@code java @jvm.options} (the file beside the jar, when there is one), {@code options}, the floor. */
    private List<String> command(List<String> options) {
        List<String> command = EnrollJar.javaWithDocumentedOptions(enrollJar);
        command.addAll(options);
        command.addAll(List.of("-cp", classPath(), StackFloor.class.getName()));
        return command;
    }

    private String classPath() {
        return enrollJar + java.io.File.pathSeparator + benchmarkJar;
    }
}
