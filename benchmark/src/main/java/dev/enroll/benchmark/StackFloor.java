package dev.enroll.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * The least a server on Enroll's stack does before it can say it is ready: Javalin (Jetty) on a
 * free port, a HikariCP pool of 32 PostgreSQL connections (the service's default pool), and one
 * route, {@code GET /health/ready}, that asks the database {@code SELECT 1} over the pool. No
 * configuration, command line, meters, schema, tokens or second server. The {@code startup}
 * scenario starts it beside Enroll, from the same jar's libraries, with the same JVM options and
 * an AppCDS archive made the same way, so its time is the floor under Enroll's start in that
 * sitting: what is left when everything of Enroll's own is taken away.
 *
 * <p>Run as {@code java -cp enroll.jar:enroll-benchmark.jar dev.enroll.benchmark.StackFloor},
 * with {@code ENROLL_DB_URL}, {@code ENROLL_DB_USER} and {@code ENROLL_DB_PASSWORD} set; prints
 * the line {@link ServerProcess} waits for.
 */
public final class StackFloor {

    static final int POOL_SIZE = 32;

    private StackFloor() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(environment.get("ENROLL_DB_URL"));
        config.setUsername(environment.get("ENROLL_DB_USER"));
        config.setPassword(environment.getOrDefault("ENROLL_DB_PASSWORD", ""));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        HikariDataSource pool = new HikariDataSource(config);
        Javalin server = Javalin.create().get("/health/ready", ctx -> {
            try (Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT 1")) {
                result.next();
                ctx.json(Map.of("status", "UP"));
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            pool.close();
        }));
        server.start(0);
        System.err.println("stack floor listening on port " + server.port());
    }
}
