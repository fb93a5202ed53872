package dev.enroll.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        return Cli.commandLine(new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true)))
                .execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "serve", "migrate", "partner", "partner create", "partner list",
            "partner rotate-secret", "partner disable", "partner enable"})
    void every_command_has_help(String command) {
        String[] args = (command + " --help").strip().split(" ");

        assertThat(run(Map.of(), args)).isZero();
        assertThat(out.toString()).startsWith("Usage: enroll").contains("--help");
    }

    @Test
    void no_command_is_a_usage_error() {
        assertThat(run(Map.of())).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void partner_create_needs_a_partner_id() {
        assertThat(run(Map.of(), "partner", "create")).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("--partner-id");
    }

    @Test
    void partner_commands_refuse_the_memory_store_with_a_reason() {
        assertThat(run(Map.of("ENROLL_STORE", "memory"), "partner", "list")).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).startsWith("enroll: partner commands need ENROLL_STORE=postgres");
    }

    @Test
    void import_names_what_is_wrong_with_the_file_it_was_given(@TempDir Path directory) {
        Map<String, String> secret = Map.of("ENROLL_CLIENT_SECRET", "s");
        String[] command = {"import", "--url", "http://127.0.0.1:9", "--partner-id", "p", "--client-id", "c"};

        assertThat(run(secret, append(command, directory.toString()))).isEqualTo(Cli.USAGE);
        assertThat(run(secret, append(command, directory.resolve("rows.csv").toString()))).isEqualTo(Cli.USAGE);

        assertThat(err.toString()).contains("A directory, not a file: " + directory)
                .contains("No such file: " + directory.resolve("rows.csv"));
    }

    private static String[] append(String[] command, String last) {
        String[] all = Arrays.copyOf(command, command.length + 1);
        all[command.length] = last;
        return all;
    }

    @Test
    void a_bad_setting_is_one_line_on_stderr() {
        assertThat(run(Map.of("ENROLL_DB_POOL_SIZE", "lots"), "migrate")).isEqualTo(Cli.USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("enroll: ENROLL_DB_POOL_SIZE must be a whole number from 1 to 200, got 'lots'");
        assertThat(out.toString()).isEmpty();
    }

    /** When the store cannot open, serve fails with the store's reason, and binds no port. */
    @Test
    void serve_without_a_reachable_database_fails_with_one_line_and_leaves_the_management_port_free() throws IOException {
        int managementPort = freePort();
        Map<String, String> unreachable = Map.of("ENROLL_DB_URL", "jdbc:postgresql://127.0.0.1:" + freePort() + "/enroll",
                "ENROLL_HTTP_PORT", "0", "ENROLL_MANAGEMENT_PORT", String.valueOf(managementPort));

        assertThat(run(unreachable, "serve")).isEqualTo(Cli.FAILED);

        assertThat(err.toString()).startsWith("enroll: cannot reach the database").doesNotContain("\tat ");
        try (ServerSocket again = new ServerSocket(managementPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(managementPort);
        }
    }

    /** A start that fails once the management server is up closes it again: its port is free. */
    @Test
    @Timeout(60) // a start that wrongly succeeded would serve until interrupted
    void serve_on_a_taken_api_port_fails_with_one_line_and_leaves_the_management_port_free() throws IOException {
        int managementPort;
        int apiPort;
        try (ServerSocket taken = new ServerSocket(0, 1)) {
            apiPort = taken.getLocalPort();
            managementPort = freePort(); // not the API's: that one is held
            Map<String, String> clash = Map.of("ENROLL_STORE", "memory",
                    "ENROLL_HTTP_PORT", String.valueOf(apiPort),
                    "ENROLL_MANAGEMENT_PORT", String.valueOf(managementPort));

            assertThat(run(clash, "serve")).isEqualTo(Cli.FAILED);
        }

        assertThat(err.toString()).startsWith("enroll: cannot listen on port " + apiPort + ": ").hasLineCount(1);
        try (ServerSocket again = new ServerSocket(managementPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(managementPort);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
