package dev.enroll.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What else the machine was doing: numbers from a shared two-core box are only comparable with
 * the load average beside them.
 */
record MachineState(Instant at, int cores, String loadAverage) {

    static MachineState now() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        return new MachineState(Instant.now(), Runtime.getRuntime().availableProcessors(), load);
    }
}
