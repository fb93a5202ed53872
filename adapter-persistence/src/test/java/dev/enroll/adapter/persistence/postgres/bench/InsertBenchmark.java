package dev.enroll.adapter.persistence.postgres.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.enroll.adapter.persistence.id.TimeOrderedUserIdGenerator;
import dev.enroll.adapter.persistence.postgres.PostgresPool;
import dev.enroll.adapter.persistence.postgres.PostgresStore;
import dev.enroll.adapter.persistence.testing.TestDatabase;
import dev.enroll.application.port.out.InsertOutcome;
import dev.enroll.application.port.out.PartnerRepository;
import dev.enroll.application.port.out.UserRepository;
import dev.enroll.domain.address.Address;
import dev.enroll.domain.partner.ClientId;
import dev.enroll.domain.partner.Partner;
import dev.enroll.domain.partner.SecretHash;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.CustomFields;
import dev.enroll.domain.user.EmailAddress;
import dev.enroll.domain.user.IdentityKey;
import dev.enroll.domain.user.PartnerCode;
import dev.enroll.domain.user.PersonName;
import dev.enroll.domain.user.PhoneNumber;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserProfile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * How much the PostgreSQL adapter's identity enforcement costs on the write path: N user
 * creates through {@code UserRepository.insertUnlessIdentityTaken} (claiming phone and email,
 * as a plain create does) against N plain JDBC INSERTs of the same rows, autocommit, over the
 * same pool, at 1 and at 8 concurrent writers. The rows are the same but for their contributor
 * (each side writes its own, so neither side's rows conflict with the other's; the adapter's are
 * partners); the table starts
 * with {@value #EXISTING_USERS} users and statistics, as a live one would. The sides take turns
 * in short slices, so that changes in the machine's load fall on both alike. Not a
 * test: surefire never runs it. Uses a throwaway database of its own (see {@link TestDatabase}
 * for pointing it at another server).
 *
 * <pre>
 * mvn -B -q -pl adapter-persistence test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.enroll.adapter.persistence.postgres.bench.InsertBenchmark [-Dexec.args="6000 100"]
 * </pre>
 *
 * Arguments: rows per side per writer count (default 6000), rows per slice (default 100).
 */
public final class InsertBenchmark {

    private static final int[] WRITERS = {1, 8};
    private static final int POOL_SIZE = 8;
    private static final int CONTRIBUTORS = 16;
    private static final int WARM_UP_ROWS = 800;
    private static final int EXISTING_USERS = 50_000;
    private static final String ADAPTER = "adapter";
    private static final String PLAIN = "plain";

    private static final String PLAIN_INSERT = "INSERT INTO users (contributor_id, id, first_name, last_name, email,"
            + " email_normalized, phone, email_verified, phone_verified, custom_field_1, custom_field_2,"
            + " custom_field_3, custom_field_4, custom_field_5, address_line_1, address_line_2, city, state,"
            + " country, zip, policy_number, policy_start_date, policy_end_date, admin_note, tos_answer,"
            + " partner_code, date_registered, updated, fraud, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Linux's USER_HZ, the unit of /proc/<pid>/stat times, on every common platform. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final DataSource pool;
    private final UserRepository users;
    private final PartnerRepository partners;
    private List<Integer> backendPids;
    private final AtomicInteger serial = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final TimeOrderedUserIdGenerator ids = new TimeOrderedUserIdGenerator();

    private InsertBenchmark(DataSource pool) {
        this.pool = pool;
        PostgresStore store = PostgresStore.on(pool);
        this.users = store.users();
        this.partners = store.partners();
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int slice = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (TestDatabase database = TestDatabase.create();
             HikariDataSource pool = PostgresPool.create(database.settings().withPoolSize(POOL_SIZE))) {
            new InsertBenchmark(pool).run(rows, slice);
        }
    }

    private void run(int rows, int slice) throws Exception {
        System.out.printf(Locale.ROOT, "%s, %d CPUs, load average %.1f; synchronous_commit=%s%n", serverVersion(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), setting("synchronous_commit"));
        System.out.printf(Locale.ROOT, "%d rows per side and writer count, in slices of %d; pool of %d connections;"
                + " %d users in the table to start with%n", rows, slice, POOL_SIZE, EXISTING_USERS);
        populate();
        System.out.println("writers  adapter inserts/s  plain JDBC inserts/s  adapter/plain"
                + "   CPU µs per insert, writers + server: adapter | plain JDBC");
        for (int writers : WRITERS) {
            ExecutorService threads = Executors.newFixedThreadPool(writers);
            try {
                // Warm-up: JIT, server-side prepared statements and their plans, the pool's connections.
                new Side(true).measure(threads, writers, newUsers(WARM_UP_ROWS, ADAPTER));
                new Side(false).measure(threads, writers, newUsers(WARM_UP_ROWS, PLAIN));
                Side adapter = new Side(true);
                Side plain = new Side(false);
                int slices = rows / slice;
                for (int s = 0; s < slices; s++) {
                    List<User> batch = newUsers(slice, ADAPTER);
                    List<User> sameRows = batch.stream().map(user -> sameUserOf(user,
                            new ContributorId(PLAIN + user.contributor().value().substring(ADAPTER.length()))))
                            .toList();
                    // Pairs in the order AB, BA, BA, AB, …: drift in the machine's load falls on both sides alike.
                    if (s % 4 == 0 || s % 4 == 3) {
                        adapter.measure(threads, writers, batch);
                        plain.measure(threads, writers, sameRows);
                    } else {
                        plain.measure(threads, writers, sameRows);
                        adapter.measure(threads, writers, batch);
                    }
                }
                System.out.printf(Locale.ROOT, "%7d  %17.0f  %20.0f  %12.1f%%   %s | %s%n", writers, adapter.rate(),
                        plain.rate(), 100 * adapter.rate() / plain.rate(), adapter.cpu(), plain.cpu());
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /**
     * One side's totals: rows, elapsed time, and the CPU time of the writer threads (with the
     * store's own group-commit threads, which do the adapter's inserts for them) and of the
     * pool's server processes (read from /proc, so only when the server runs on this machine).
     * Unlike rates, CPU per insert hardly depends on what else the machine is doing.
     */
    private final class Side {
        private final boolean throughAdapter;
        private long rows;
        private long nanos;
        private final AtomicLong clientCpuNanos = new AtomicLong();
        private long serverCpuTicks;

        Side(boolean throughAdapter) {
            this.throughAdapter = throughAdapter;
        }

        void measure(ExecutorService threads, int writers, List<User> batch) throws Exception {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>(writers);
            long serverBefore = serverCpuTicks();
            long start = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                done.add(threads.submit(() -> {
                    long cpuBefore = THREADS.getCurrentThreadCpuTime();
                    for (int i = next.getAndIncrement(); i < batch.size(); i = next.getAndIncrement()) {
                        if (throughAdapter) {
                            insertThroughAdapter(batch.get(i));
                        } else {
                            insertPlain(batch.get(i));
                        }
                    }
                    clientCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuBefore);
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            nanos += System.nanoTime() - start;
            long serverAfter = serverCpuTicks();
            serverCpuTicks = serverBefore < 0 || serverAfter < 0 ? -1 : serverCpuTicks + serverAfter - serverBefore;
            rows += batch.size();
        }

        double rate() {
            return rows / (nanos / 1e9);
        }

        String cpu() {
            String server = serverCpuTicks < 0 ? "n/a"
                    : String.format(Locale.ROOT, "%.0f", serverCpuTicks * 1e6 / CLOCK_TICKS_PER_SECOND / rows);
            return String.format(Locale.ROOT, "%.0f + %s", clientCpuNanos.get() / 1e3 / rows, server);
        }
    }

    /** CPU time, in clock ticks, used so far by the server processes serving the pool; -1 when unknown. */
    private long serverCpuTicks() throws SQLException {
        if (backendPids == null) {
            backendPids = new ArrayList<>();
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT pid FROM pg_stat_activity"
                         + " WHERE datname = current_database() AND application_name = 'enroll'")) {
                while (result.next()) {
                    backendPids.add(result.getInt(1));
                }
            }
        }
        long ticks = 0;
        for (int pid : backendPids) {
            try {
                // Fields 14 and 15 of /proc/<pid>/stat: user and system time; the command name before them has no spaces.
                String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).split(" ");
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks;
    }

    private void insertThroughAdapter(User user) {
        List<IdentityKey> keys = List.of(new IdentityKey.Phone(user.profile().phone()),
                new IdentityKey.Email(user.profile().email()));
        InsertOutcome outcome = users.insertUnlessIdentityTaken(user, keys);
        if (!(outcome instanceof InsertOutcome.Inserted)) {
            throw new IllegalStateException("benchmark row refused: " + outcome.getClass().getSimpleName());
        }
    }

    /** The same row as a hand-written DAO would write it: one INSERT, no identity checks, no locks. */
    private void insertPlain(User user) throws SQLException {
        UserProfile profile = user.profile();
        Address address = profile.address();
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement(PLAIN_INSERT)) {
            insert.setString(1, user.contributor().value());
            insert.setObject(2, user.id().value());
            insert.setString(3, profile.name().first());
            insert.setString(4, profile.name().last());
            insert.setString(5, profile.email().value());
            insert.setString(6, profile.email().normalized());
            insert.setString(7, profile.phone().value());
            insert.setBoolean(8, profile.emailVerified());
            insert.setBoolean(9, profile.phoneVerified());
            insert.setString(10, profile.customFields().field1());
            insert.setString(11, profile.customFields().field2());
            insert.setString(12, profile.customFields().field3());
            insert.setString(13, profile.customFields().field4());
            insert.setString(14, profile.customFields().field5());
            insert.setString(15, address.addressLine1());
            insert.setString(16, address.addressLine2());
            insert.setString(17, address.city());
            insert.setString(18, address.state().name());
            insert.setString(19, address.country());
            insert.setString(20, address.zip() == null ? null : address.zip().value());
            insert.setString(21, null);
            insert.setObject(22, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setObject(23, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setString(24, user.adminNote());
            insert.setString(25, user.tosAnswer().wireName());
            insert.setString(26, user.partnerCode().value());
            insert.setObject(27, user.dateRegistered().atOffset(ZoneOffset.UTC));
            insert.setObject(28, user.updated().atOffset(ZoneOffset.UTC));
            insert.setBoolean(29, user.fraud());
            insert.setLong(30, user.version());
            insert.executeUpdate();
        }
    }

    /** New users spread over {@value #CONTRIBUTORS} contributors named {@code <prefix>-<k>}. */
    private List<User> newUsers(int count, String prefix) {
        List<User> batch = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            int n = serial.incrementAndGet();
            UserProfile profile = new UserProfile(new PersonName("Bench", "User " + n),
                    new EmailAddress("Bench.User" + n + "@Example.com"),
                    new PhoneNumber(String.format(Locale.ROOT, "+1555%07d", n)),
                    new CustomFields("plan-a", null, null, null, null),
                    Address.of(n + " Main St", null, "Springfield", "IL", null, "62701"), false, true);
            batch.add(User.register(ids.next(), new ContributorId(prefix + "-" + n % CONTRIBUTORS), profile, null,
                    PartnerCode.random(random), now));
        }
        return batch;
    }

    private static User sameUserOf(User user, ContributorId contributor) {
        return new User(user.id(), contributor, user.profile(), user.policy(), user.adminNote(), user.tosAnswer(),
                user.partnerCode(), user.dateRegistered(), user.updated(), user.fraud(), user.version());
    }

    /** Users of other contributors, so that indexes have depth and the planner has statistics. */
    private void populate() throws SQLException {
        for (int k = 0; k < CONTRIBUTORS; k++) {
            partners.insert(new Partner(new ContributorId(ADAPTER + "-" + k), null, new ClientId("ck_bench_" + k),
                    new SecretHash(new byte[SecretHash.LENGTH]), true, Instant.now()));
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (contributor_id, id, first_name, last_name, email, email_normalized,"
                    + " phone, email_verified, phone_verified, state, country, tos_answer, partner_code,"
                    + " date_registered, updated, fraud, version)"
                    + " SELECT 'existing-' || (i % 64), gen_random_uuid(), 'Existing', 'User', 'E' || i || '@example.com',"
                    + " 'e' || i || '@example.com', '+1666' || lpad(i::text, 7, '0'), false, false, 'CA', 'US', 'None',"
                    + " translate(lpad(i::text, 8, '2'), '01', 'AB'), now(), now(), false, 1"
                    + " FROM generate_series(1, " + EXISTING_USERS + ") AS i");
            statement.execute("ANALYZE users");
        }
    }

    private String serverVersion() throws SQLException {
        return "PostgreSQL " + setting("server_version");
    }

    private String setting(String name) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Pool and migration chatter would bury the results. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
