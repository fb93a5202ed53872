package dev.enroll.adapter.persistence.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * Who runs the PostgreSQL programs. PostgreSQL refuses to run as root, and containers and CI
 * often run everything as root; then the programs run as {@code nobody} (through util-linux's
 * {@code setpriv}) and the data directory belongs to {@code nobody}. When a parent of the data
 * directory is closed to others (a clone under {@code /root}, say), {@code nobody} also keeps
 * root's CAP_DAC_OVERRIDE, to reach it. Anyone else runs them as themselves.
 */
record ServerUser(List<String> prefix, int uid) {

    /** {@code nobody}'s user and group id on Debian, Ubuntu, Fedora and RHEL alike. */
    private static final int NOBODY = 65_534;
    private static final int ROOT = 0;
    private static final int SELF = -1;

    /** The user for a server whose data is in {@code dataDirectory}. */
    static ServerUser current(Path dataDirectory) {
        if (!isRoot()) {
            return new ServerUser(List.of(), SELF);
        }
        Path setpriv = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv")).stream()
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL refuses to run as root, and setpriv"
                        + " (util-linux), which would run it as nobody, is missing: run as another user,"
                        + " install util-linux, or set ENROLL_DB_URL to a PostgreSQL server"));
        List<String> prefix = new ArrayList<>(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"));
        if (!reachableByOthers(dataDirectory)) {
            prefix.addAll(List.of("--inh-caps=+dac_override", "--ambient-caps=+dac_override"));
        }
        prefix.add("--");
        return new ServerUser(List.copyOf(prefix), NOBODY);
    }

    /** The command line that runs {@code program} with {@code arguments} as this user. */
    List<String> command(Path program, String... arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.add(program.toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Hands {@code path} to this user (a no-op unless it is someone other than this process's). */
    void own(Path path) throws IOException {
        if (uid != SELF) {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", uid);
        }
    }

    /** Whether every directory above {@code path} lets others through (o+x). */
    private static boolean reachableByOthers(Path path) {
        for (Path parent = path.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == ROOT;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
