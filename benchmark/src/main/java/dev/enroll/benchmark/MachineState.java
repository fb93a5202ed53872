package dev.enroll.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * What else the machine was doing: numbers from a shared two-core box are only comparable with
 * the load average beside them.
 */
record MachineState(Instant at, int cores, String loadAverage, long stolenTicks, long totalTicks) {

    /**
     * The share of CPU time the hypervisor gave to other guests between {@code before} and this
     * reading ("steal" in /proc/stat): on a shared host, the cores were that much smaller. Empty
     * where /proc/stat could not be read.
     */
    OptionalDouble stolenSince(MachineState before) {
        long total = totalTicks - before.totalTicks;
        if (totalTicks <= 0 || before.totalTicks <= 0 || total <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) (stolenTicks - before.stolenTicks) / total);
    }

    static MachineState now() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        long stolen = 0;
        long total = 0;
        try {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            stolen = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
        } catch (IOException | RuntimeException e) {
            total = 0;
        }
        return new MachineState(Instant.now(), Runtime.getRuntime().availableProcessors(), load, stolen, total);
    }
}
