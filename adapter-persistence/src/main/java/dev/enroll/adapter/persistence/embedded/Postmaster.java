package dev.enroll.adapter.persistence.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a data directory's {@code postmaster.pid} says about the server that runs on it: its
 * process id and port. PostgreSQL writes it on start and removes it on a clean stop; the file is
 * also its own lock, so no second server can ever start on the same data.
 */
record Postmaster(long pid, int port) {

    private static final int PID_LINE = 0;
    private static final int PORT_LINE = 3;

    static Optional<Postmaster> of(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.size() <= PORT_LINE) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(PID_LINE).strip());
            if (pid <= 0) {
                // A single-user backend's (initdb's, say): no server listens for it.
                return Optional.empty();
            }
            return Optional.of(new Postmaster(pid, Integer.parseInt(lines.get(PORT_LINE).strip())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            // Unreadable (e.g. owned by nobody and private) or half written: ask the server instead.
            return Optional.empty();
        }
    }
}
