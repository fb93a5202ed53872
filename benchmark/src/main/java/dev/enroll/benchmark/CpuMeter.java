package dev.enroll.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the CPU time (user + system, from {@code /proc/<pid>/stat}) of the server process, of
 * every PostgreSQL backend connected to the benchmark's database (the server's pool, or the raw
 * insert's own connections) and of this driver. Shared PostgreSQL processes (WAL writer,
 * checkpointer) serve other databases too and are left out.
 */
final class CpuMeter implements AutoCloseable {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common platform. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final String BACKENDS =
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";

    /** CPU nanoseconds of each process at one moment. */
    record Reading(long server, Map<Long, Long> backends, long driver) {

        /** What was used from this reading to {@code later}; backends present in both only. */
        CpuUse until(Reading later) {
            if (backends == null || later.backends == null) {
                return CpuUse.UNKNOWN;
            }
            long database = 0;
            for (Map.Entry<Long, Long> backend : later.backends.entrySet()) {
                Long before = backends.get(backend.getKey());
                if (before != null) {
                    database += backend.getValue() - before;
                }
            }
            return new CpuUse((later.server - server) / 1e6, database / 1e6, (later.driver - driver) / 1e6);
        }
    }

    private static final Reading NOTHING = new Reading(0, null, 0);

    private final long serverPid;
    private final Connection monitor;
    private final PreparedStatement backends;

    private CpuMeter(long serverPid, Connection monitor) throws SQLException {
        this.serverPid = serverPid;
        this.monitor = monitor;
        this.backends = monitor == null ? null : monitor.prepareStatement(BACKENDS);
    }

    static CpuMeter of(long serverPid, ThrowawayDatabase database) throws SQLException {
        return new CpuMeter(serverPid, database.connect());
    }

    /** A meter that measures nothing, for loops run without a server (tests). */
    static CpuMeter none() {
        try {
            return new CpuMeter(-1, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CPU time of every process now; a meter that cannot read /proc answers a reading that measures nothing. */
    Reading read() {
        if (monitor == null) {
            return NOTHING;
        }
        try {
            Map<Long, Long> database = new HashMap<>();
            try (ResultSet rows = backends.executeQuery()) {
                while (rows.next()) {
                    long pid = rows.getLong(1);
                    database.put(pid, cpuNanos(pid));
                }
            }
            return new Reading(cpuNanos(serverPid), database, cpuNanos(ProcessHandle.current().pid()));
        } catch (SQLException | IOException | RuntimeException e) {
            return NOTHING;
        }
    }

    @Override
    public void close() throws SQLException {
        if (monitor != null) {
            monitor.close();
        }
    }

    /** utime + stime of {@code pid}; a process that is gone counts as zero from then on. */
    static long cpuNanos(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return 0;
        }
        return ticks(stat) * NANOS_PER_TICK;
    }

    /**
     * utime + stime from a {@code /proc/<pid>/stat} line. The command name in parentheses may hold
     * spaces, so fields are counted from the last ')': state is field 3, utime 14, stime 15.
     */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }
}
