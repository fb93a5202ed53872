package dev.enroll.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server process's resident memory from {@code /proc/<pid>/status}: now (VmRSS) and at its peak (VmHWM). */
record ResidentMemory(long rssKiB, long peakKiB) {

    static ResidentMemory of(long pid) throws IOException {
        long rss = -1;
        long peak = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kibibytes(line);
            } else if (line.startsWith("VmHWM:")) {
                peak = kibibytes(line);
            }
        }
        if (rss < 0) {
            throw new IOException("no VmRSS in /proc/" + pid + "/status");
        }
        return new ResidentMemory(rss, peak);
    }

    /** Parses a line such as {@code VmRSS:	  312456 kB}. */
    static long kibibytes(String line) {
        String[] fields = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(fields[0]);
    }

    double rssMiB() {
        return rssKiB / 1024.0;
    }

    double peakMiB() {
        return peakKiB / 1024.0;
    }
}
