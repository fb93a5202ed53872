package dev.enroll.adapter.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server on this machine, run from binaries shipped in the jar, with its data
 * in a directory of ours ({@code <data directory>/postgres}), for development and tests when no
 * server is configured.
 *
 * <p>Every process on one data directory shares one server: {@link #start} uses the server that
 * already runs there (its {@code postmaster.pid} names the port) and starts one only when none
 * answers; PostgreSQL's own lock on its data directory makes a second copy impossible. Each
 * process holds one idle connection (a lease) while it uses the server; {@link #close} stops
 * the server only when no other process has a session on it, so the last one out turns it off.
 * A lock file in the data directory keeps the start and stop decisions of two processes apart.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    /** Bound to every wait here: taking the lock file, starting and stopping the server. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    /** Two EmbeddedPostgres in one JVM on one directory would make FileChannel.lock throw: one at a time. */
    private static final Object IN_THIS_PROCESS = new Object();

    private final Path root;
    private final int port;
    private final Connection lease;
    private boolean closed;

    private EmbeddedPostgres(Path root, int port, Connection lease) {
        this.root = root;
        this.port = port;
        this.lease = lease;
    }

    /** The server on {@code dataDirectory}: the running one, or a new one (initialised first if the directory is new). */
    public static EmbeddedPostgres start(Path dataDirectory) {
        Path root = dataDirectory.toAbsolutePath().normalize();
        synchronized (IN_THIS_PROCESS) {
            try {
                Files.createDirectories(root);
                try (FileChannel ignored = lock(root)) {
                    Path data = root.resolve("postgres");
                    Optional<Postmaster> recorded = Postmaster.of(data);
                    Optional<Connection> running = recorded.flatMap(server -> connect(server.port()))
                            .flatMap(connection -> servingFrom(connection, data));
                    if (running.isPresent()) {
                        int port = recorded.get().port();
                        LOG.info("Using the embedded development PostgreSQL already running on port {} for {}",
                                port, root);
                        return new EmbeddedPostgres(root, port, running.get());
                    }
                    int port = launch(root, data);
                    return new EmbeddedPostgres(root, port, connect(port).orElseThrow(() -> new IllegalStateException(
                            "the embedded PostgreSQL started on port " + port + " but does not answer; see "
                                    + root.resolve("postgres.log"))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL in " + root, e);
            }
        }
    }

    /** A JDBC URL for {@code database} on this server (user {@value #USER}, no password). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /**
     * Lets go of the server: stops it unless another process still has a session on it. Close
     * this process's own pools first, or their connections count as someone else's.
     */
    @Override
    public void close() {
        synchronized (IN_THIS_PROCESS) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(lease);
            try (FileChannel ignored = lock(root)) {
                long others = connect(port).map(EmbeddedPostgres::otherSessions).orElse(0L);
                if (others > 0) {
                    LOG.info("Leaving the embedded PostgreSQL on port {} running: {} other session(s) use it",
                            port, others);
                    return;
                }
                Postmaster.of(root.resolve("postgres")).flatMap(server -> ProcessHandle.of(server.pid()))
                        .ifPresent(this::shutDown);
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL in " + root, e);
            }
        }
    }

    /** Stops the server whoever uses it, rolling back their work (for a throwaway server, such as the tests'). */
    public void stop() {
        synchronized (IN_THIS_PROCESS) {
            closed = true;
            closeQuietly(lease);
            try {
                run(ServerUser.current(root.resolve("postgres")).command(PostgresBinaries.unpacked().resolve("bin/pg_ctl"), "stop",
                        "-D", root.resolve("postgres").toString(), "-m", "fast", "-w",
                        "-t", String.valueOf(DEADLINE.toSeconds())), root.resolve("postgres.log"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL in " + root, e);
            }
        }
    }

    /** SIGTERM, PostgreSQL's smart shutdown: with no session left, a checkpoint and an exit. */
    private void shutDown(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            LOG.info("Stopped the embedded PostgreSQL on port {}", port);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("The embedded PostgreSQL (pid {}) did not stop within {}", server.pid(), DEADLINE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int launch(Path root, Path data) throws IOException {
        ServerUser user = ServerUser.current(data);
        Path binaries = PostgresBinaries.unpacked();
        Path log = root.resolve("postgres.log");
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        user.own(log);
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            initialise(root, data, user, binaries, log);
        }
        int port = freePort();
        LOG.info("Starting the embedded development PostgreSQL on port {} with its data in {}", port, data);
        run(user.command(binaries.resolve("bin/pg_ctl"), "start", "-D", data.toString(), "-l", log.toString(),
                "-w", "-t", String.valueOf(DEADLINE.toSeconds()), "-o", "-p " + port), log);
        return port;
    }

    /**
     * Makes a new data directory: initdb in a directory beside it, moved into place only once
     * complete. A start killed during initdb (a second or two) used to leave a data directory
     * with {@code PG_VERSION} but no {@code postgres} database, which no later start could use,
     * and the lock file of initdb's single-user backend; now it leaves only the leftover beside
     * it, which the next start clears. A data directory without {@code PG_VERSION} (such a
     * leftover of an older version) is moved aside, not deleted: it may hold something of someone's.
     */
    private static void initialise(Path root, Path data, ServerUser user, Path binaries, Path log) throws IOException {
        Path fresh = root.resolve("postgres.init");
        deleteTree(fresh);
        if (Files.exists(data)) {
            Path aside = root.resolve("postgres.incomplete-" + System.currentTimeMillis());
            Files.move(data, aside);
            LOG.warn("{} is not a complete PostgreSQL data directory (no PG_VERSION): moved aside to {}", data, aside);
        }
        Files.createDirectories(fresh);
        user.own(fresh);
        LOG.info("Initialising the embedded development PostgreSQL in {}", data);
        run(user.command(binaries.resolve("bin/initdb"), "-D", fresh.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C"), log);
        // Local connections only; no Unix socket, so no directory of anyone else's is needed.
        Files.writeString(fresh.resolve("postgresql.conf"), String.join("\n",
                "", "# enroll: the embedded development server",
                "listen_addresses = 'localhost'", "unix_socket_directories = ''", "max_connections = 200", ""),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.move(fresh, data, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * {@code connection} when its server runs on {@code data}, else empty (and it is closed): a
     * lock file may name a port where another server answers (one left by a killed initdb names
     * the default port, 5432), and nothing of ours may be written there.
     */
    private static Optional<Connection> servingFrom(Connection connection, Path data) {
        try (Statement statement = connection.createStatement();
             ResultSet directory = statement.executeQuery("SHOW data_directory")) {
            if (directory.next() && Path.of(directory.getString(1)).toRealPath().equals(data.toRealPath())) {
                return Optional.of(connection);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            // Not a server we may ask (not a superuser of it) or not one on this machine: not ours.
        }
        closeQuietly(connection);
        return Optional.empty();
    }

    /** Runs a PostgreSQL program to its end; its output goes to the server log, quoted in the error if it fails. */
    private static void run(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        try {
            if (!process.waitFor(DEADLINE.toSeconds() + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + DEADLINE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the embedded PostgreSQL failed (" + Path.of(command.get(
                    command.size() - 1)).getFileName() + " exited with " + process.exitValue() + "); its log "
                    + log + " ends with:\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** A connection to the maintenance database, or empty when nothing answers on {@code port}. */
    private static Optional<Connection> connect(int port) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL("jdbc:postgresql://localhost:" + port + "/postgres");
        source.setUser(USER);
        source.setConnectTimeout(5);
        source.setApplicationName("enroll (embedded server lease)");
        try {
            return Optional.of(source.getConnection());
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static long otherSessions(Connection connection) {
        try (connection; Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** The lock file, locked: closing the channel lets go of it. */
    private static FileChannel lock(Path root) throws IOException {
        FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            if (channel.tryLock() != null) {
                return channel;
            }
            if (Instant.now().isAfter(deadline)) {
                channel.close();
                throw new IllegalStateException("another process has held " + root.resolve(".lock")
                        + " for more than " + DEADLINE);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The lease only marks this process as a user of the server.
        }
    }
}
