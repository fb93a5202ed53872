package dev.enroll.adapter.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.adapter.persistence.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedPostgresTest {

    /**
     * A killed initdb leaves the lock file of its single-user backend: a negative pid, and the
     * default port, where another server (the machine's own) may well answer. A lock file may
     * also name a live process and a port another server took since. That server is not ours,
     * and nothing of ours may be written to it.
     */
    @ParameterizedTest(name = "pid {0}")
    @ValueSource(strings = {"-999999", "this JVM"})
    void a_lock_file_naming_another_servers_port_is_not_taken_for_our_server(String pid, @TempDir Path root)
            throws Exception {
        try (TestDatabase other = TestDatabase.create()) {
            int otherPort = other.serverPort();
            Path data = root.resolve("postgres");
            Files.createDirectories(data);
            String recorded = pid.equals("this JVM") ? String.valueOf(ProcessHandle.current().pid()) : pid;
            Files.writeString(data.resolve("postmaster.pid"), recorded + "\n" + data + "\n1700000000\n" + otherPort
                    + "\n", StandardCharsets.UTF_8);

            EmbeddedPostgres embedded = EmbeddedPostgres.start(root);
            try {
                assertThat(embedded.port()).isNotEqualTo(otherPort);
                try (Connection connection = DriverManager.getConnection(embedded.jdbcUrl("postgres"),
                        EmbeddedPostgres.USER, null);
                     Statement statement = connection.createStatement();
                     ResultSet directory = statement.executeQuery("SHOW data_directory")) {
                    assertThat(directory.next()).isTrue();
                    assertThat(Path.of(directory.getString(1)).toRealPath()).isEqualTo(data.toRealPath());
                }
            } finally {
                embedded.stop();
            }
        }
    }
}
