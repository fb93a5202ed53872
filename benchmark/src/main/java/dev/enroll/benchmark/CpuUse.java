package dev.enroll.benchmark;

/**
 * CPU time spent during a step's measured window by the server process, by the PostgreSQL
 * backends of the benchmark's database, and by this driver, in milliseconds. On a shared machine
 * throughput and latency move with whatever else runs; CPU per request moves much less (though an
 * overloaded machine raises it too), and it says where the work goes: our server, the database,
 * or the load generator itself. {@code NaN} when not measured.
 */
record CpuUse(double serverMs, double databaseMs, double driverMs) {

    static final CpuUse UNKNOWN = new CpuUse(Double.NaN, Double.NaN, Double.NaN);

    /** Milliseconds of CPU per request, for {@code requests} requests. */
    CpuUse perRequest(long requests) {
        return requests == 0 ? UNKNOWN
                : new CpuUse(serverMs / requests, databaseMs / requests, driverMs / requests);
    }
}
