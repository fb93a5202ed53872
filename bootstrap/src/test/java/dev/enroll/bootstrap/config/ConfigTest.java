package dev.enroll.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enroll.adapter.http.HttpLimits;
import dev.enroll.domain.user.ContributorId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @Test
    void defaults_work_with_nothing_set() {
        Config config = Config.load(Map.of(), Optional.empty());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.store()).isEqualTo(StoreKind.POSTGRES);
        assertThat(config.dbUrl()).as("no URL: the embedded PostgreSQL").isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("enroll-data"));
        assertThat(config.dbUser()).isEqualTo("postgres");
        assertThat(config.dbPassword()).isEmpty();
        assertThat(config.dbPoolSize()).isEqualTo(32);
        assertThat(config.dbWriters()).isEqualTo(2);
        assertThat(config.requestThreads()).isEqualTo(32);
        assertThat(config.jwtSecret()).isEmpty();
        assertThat(config.legacyHeaderAuth()).isTrue();
        assertThat(config.policyDatesOptional()).isEmpty();
        assertThat(config.managementPort()).isEqualTo(9090);
        assertThat(config.managementHost()).as("metrics never beside the API").isEqualTo("127.0.0.1");
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void reads_the_management_port_and_host_and_the_log_format() {
        Config config = Config.load(Map.of("ENROLL_MANAGEMENT_PORT", "0", "ENROLL_MANAGEMENT_HOST", "10.0.0.5",
                "ENROLL_LOG_FORMAT", "json"), Optional.empty());

        assertThat(config.managementPort()).isZero();
        assertThat(config.managementHost()).isEqualTo("10.0.0.5");
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void reads_every_key_from_the_environment() {
        Config config = Config.load(Map.of(
                "ENROLL_HTTP_PORT", "9091",
                "ENROLL_STORE", "memory",
                "ENROLL_DB_URL", "jdbc:postgresql://db:5433/other",
                "ENROLL_DB_USER", "enroll",
                "ENROLL_DB_PASSWORD", "pw",
                "ENROLL_DB_POOL_SIZE", "4",
                "ENROLL_HTTP_THREADS", "6",
                "ENROLL_JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "ENROLL_LEGACY_HEADER_AUTH", "off",
                "POLICY_DATES_OPTIONAL_PARTNER_IDS", " acme, globex ,,"), Optional.empty());

        assertThat(config.httpPort()).isEqualTo(9091);
        assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
        assertThat(config.dbUrl()).hasValue("jdbc:postgresql://db:5433/other");
        assertThat(config.dbUser()).isEqualTo("enroll");
        assertThat(config.dbPassword()).isEqualTo("pw");
        assertThat(config.dbPoolSize()).isEqualTo(4);
        assertThat(config.requestThreads()).isEqualTo(6);
        assertThat(config.jwtSecret()).hasValueSatisfying(key -> assertThat(key).hasSize(32));
        assertThat(config.legacyHeaderAuth()).isFalse();
        assertThat(config.policyDatesOptional())
                .containsExactlyInAnyOrder(new ContributorId("acme"), new ContributorId("globex"));
        assertThat(config.unrecognised()).isEmpty();
    }

    @Test
    void keys_set_for_another_store_are_named_with_the_reason() {
        Config embedded = Config.load(Map.of("ENROLL_DB_USER", "enroll", "ENROLL_DB_PASSWORD", ""), Optional.empty());
        Config ownServer = Config.load(Map.of("ENROLL_DB_URL", "jdbc:postgresql://db:5432/enroll",
                "ENROLL_DATA_DIR", "/var/lib/enroll"), Optional.empty());
        Config memory = Config.load(Map.of("ENROLL_STORE", "memory", "ENROLL_DB_URL", "jdbc:postgresql://db:5432/enroll"),
                Optional.empty());

        assertThat(embedded.unused()).containsExactly("ENROLL_DB_USER (the embedded database has its own)");
        assertThat(ownServer.unused()).containsExactly("ENROLL_DATA_DIR (ENROLL_DB_URL names the database)");
        assertThat(memory.unused()).containsExactly("ENROLL_DB_URL (ENROLL_STORE=memory keeps no database)");
        assertThat(Config.load(Map.of("ENROLL_DB_URL", "jdbc:postgresql://db:5432/enroll", "ENROLL_DB_USER", "enroll",
                "ENROLL_DB_PASSWORD", "pw"), Optional.empty()).unused()).isEmpty();
        assertThat(Config.from(Map.of("ENROLL_DB_USER", " ")).unused()).as("a blank key is not set").isEmpty();
    }

    @Test
    void the_memory_store_reports_database_keys_unused_but_never_refuses_them() {
        Config memory = Config.load(Map.of("ENROLL_STORE", "memory", "ENROLL_DB_URL", "not-a-jdbc-url",
                "ENROLL_DB_USER", "enroll", "ENROLL_DB_WRITERS", "many"), Optional.empty());
        Config conflicting = Config.load(Map.of("ENROLL_STORE", "memory",
                "ENROLL_DB_URL", "jdbc:postgresql://db:5432/enroll?user=enroll_app", "ENROLL_DB_USER", "postgres"),
                Optional.empty());

        assertThat(memory.store()).isEqualTo(StoreKind.MEMORY);
        assertThat(memory.unused()).containsExactly("ENROLL_DB_URL (ENROLL_STORE=memory keeps no database)",
                "ENROLL_DB_USER (ENROLL_STORE=memory keeps no database)",
                "ENROLL_DB_WRITERS (ENROLL_STORE=memory keeps no database)");
        assertThat(memory.unrecognised()).isEmpty();
        assertThat(conflicting.unused()).hasSize(2);
        assertThatThrownBy(() -> Config.load(Map.of("ENROLL_DB_URL", "not-a-jdbc-url"), Optional.empty()))
                .as("the PostgreSQL store still refuses it").isInstanceOf(ConfigException.class);
    }

    @Test
    void a_key_the_file_gives_twice_is_refused_naming_the_key_and_never_a_value(@TempDir Path directory)
            throws IOException {
        Path file = Files.writeString(directory.resolve("enroll.properties"),
                "ENROLL_DB_URL=jdbc:postgresql://old:5432/enroll\nENROLL_HTTP_PORT=9091\n"
                        + "ENROLL_DB_URL=jdbc:postgresql://new:5432/enroll\n"
                        + "POLICY_DATES_OPTIONAL_PARTNER_IDS=acme\nPOLICY_DATES_OPTIONAL_PARTNER_IDS=globex\n");
        Path wrapped = Files.writeString(directory.resolve("wrapped.properties"),
                "ENROLL_HTTP_PORT=9091\nZx9fK2pQ7vLmN3tR8wYb\nZx9fK2pQ7vLmN3tR8wYb\n");

        assertThatThrownBy(() -> Config.load(Map.of(), Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ENROLL_DB_URL, POLICY_DATES_OPTIONAL_PARTNER_IDS are each given more than once in "
                        + file + "; keep one line for each key");
        assertThat(Config.load(Map.of(), Optional.of(wrapped)).unrecognised())
                .as("a repeated line that is no key is only counted, never shown")
                .containsExactly("1 other line of the file (not named: a line that is no ENROLL_…=value may be"
                        + " a wrapped secret)");
    }

    @Test
    void a_file_properties_cannot_read_or_that_is_not_utf_8_is_a_config_error_naming_the_file(@TempDir Path directory)
            throws IOException {
        Path escape = Files.writeString(directory.resolve("escape.properties"), "ENROLL_HTTP_PORT=9091\n\\u00zz=1\n");
        Path latin1 = Files.write(directory.resolve("latin1.properties"),
                "ENROLL_DB_PASSWORD=s\u00e9cret\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Config.load(Map.of(), Optional.of(escape))).isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + escape + " has a \\u escape that is not four hex digits");
        assertThatThrownBy(() -> Config.load(Map.of(), Optional.of(latin1))).isInstanceOf(ConfigException.class)
                .hasMessage("configuration file " + latin1 + " is not UTF-8");
    }

    @Test
    void keys_no_setting_reads_are_unrecognised_enroll_variables_and_any_of_the_file(@TempDir Path directory)
            throws IOException {
        Path file = Files.writeString(directory.resolve("enroll.properties"),
                "\uFEFFENROLL_HTTP_PORT=9091\nENROLL_HTTP_PROT=9092\nenroll.db.url=x\nENROLL_DB_PASSWORD=\nZx9fK2pQ7vLmN3tR8wYb\n"
                        + "MY_WRAPPED_SECRET_PART2\nPOLICY_DATES_OPTIONAL_PARTNER_IDS=acme\n");

        Config config = Config.load(Map.of("ENROLL_DB_PASWORD", "pw", "ENROLL_DB_USER", "enroll",
                "ENROLL_CLIENT_SECRET", "the import command's", "PATH", "/usr/bin", "ENROLL_HTTP_PORT", " "),
                Optional.of(file));

        assertThat(config.httpPort()).as("the file's first key, behind a byte order mark, not blanked by an empty"
                + " variable").isEqualTo(9091);
        assertThat(config.unrecognised()).containsExactly("ENROLL_DB_PASWORD", "ENROLL_HTTP_PROT",
                "3 other lines of the file (not named: a line that is no ENROLL_…=value may be a wrapped secret)");
        assertThat(config.policyDatesOptional()).containsExactly(new ContributorId("acme"));
    }

    @Test
    void a_user_and_password_in_the_url_are_the_ones_every_connection_uses() {
        Config config = Config.load(Map.of("ENROLL_DB_URL",
                "jdbc:postgresql://db:5432/enroll?user=enroll_app&password=from-url"), Optional.empty());

        assertThat(config.dbUser()).isEqualTo("enroll_app");
        assertThat(config.dbPassword()).isEqualTo("from-url");
        Config emptyKeys = Config.load(Map.of("ENROLL_DB_URL", "jdbc:postgresql://db:5432/enroll?password=from-url",
                "ENROLL_DB_USER", "", "ENROLL_DB_PASSWORD", ""), Optional.empty());
        assertThat(emptyKeys.dbUser()).as("an empty key is none: the default").isEqualTo("postgres");
        assertThat(emptyKeys.dbPassword()).isEqualTo("from-url");
    }

    @Test
    void a_user_or_password_given_twice_must_agree_and_the_refusal_shows_neither_value() {
        String url = "jdbc:postgresql://db:5432/enroll?user=enroll_app&password=url-secret";

        assertThatThrownBy(() -> Config.load(Map.of("ENROLL_DB_URL", url, "ENROLL_DB_USER", "postgres"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ENROLL_DB_USER and the user in ENROLL_DB_URL differ; give only one");
        assertThatThrownBy(() -> Config.load(Map.of("ENROLL_DB_URL", url, "ENROLL_DB_PASSWORD", "env-secret"),
                Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ENROLL_DB_PASSWORD and the password in ENROLL_DB_URL differ; give only one");
        assertThat(Config.load(Map.of("ENROLL_DB_URL", url, "ENROLL_DB_USER", "enroll_app",
                "ENROLL_DB_PASSWORD", "url-secret"), Optional.empty()).dbUser()).isEqualTo("enroll_app");
    }

    @Test
    void the_embedded_database_keeps_its_data_where_it_is_told() {
        Config config = Config.load(Map.of("ENROLL_DATA_DIR", "/var/lib/enroll"), Optional.empty());

        assertThat(config.dbUrl()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/enroll"));
    }

    @Test
    void writers_and_request_threads_follow_the_pool_size_unless_set() {
        Config small = Config.load(Map.of("ENROLL_DB_POOL_SIZE", "1"), Optional.empty());
        Config large = Config.load(Map.of("ENROLL_DB_POOL_SIZE", "50"), Optional.empty());
        Config set = Config.load(Map.of("ENROLL_DB_POOL_SIZE", "4", "ENROLL_DB_WRITERS", "3"), Optional.empty());

        assertThat(small.dbWriters()).isEqualTo(1);
        assertThat(small.requestThreads()).isEqualTo(1);
        assertThat(large.dbWriters()).isEqualTo(2);
        assertThat(large.requestThreads()).isEqualTo(50);
        assertThat(set.dbWriters()).isEqualTo(3);
    }

    @Test
    void rate_limits_and_the_waiting_line_are_generous_by_default_and_can_be_set() {
        Config defaults = Config.load(Map.of(), Optional.empty());
        Config set = Config.load(Map.of("ENROLL_RATE_LIMIT_RPS", "5", "ENROLL_RATE_LIMIT_BURST", "8",
                "ENROLL_HTTP_MAX_WAITING", "0", "ENROLL_CREDENTIAL_FAILURES_PER_MINUTE", "3"), Optional.empty());

        assertThat(defaults.httpLimits()).isEqualTo(HttpLimits.defaults());
        assertThat(set.httpLimits().partnerRequestsPerSecond()).isEqualTo(5);
        assertThat(set.httpLimits().partnerBurst()).isEqualTo(8);
        assertThat(set.httpLimits().maxWaitingRequests()).isZero();
        assertThat(set.httpLimits().credentialFailures()).isEqualTo(3);
        assertBad("ENROLL_RATE_LIMIT_RPS", "0", "ENROLL_RATE_LIMIT_RPS must be a whole number from 1");
    }

    @Test
    void trusted_proxies_are_addresses_and_ranges_never_host_names() {
        Config set = Config.load(Map.of("ENROLL_TRUSTED_PROXIES", " 10.0.0.0/8, 192.168.1.7 ,fd00::/8"),
                Optional.empty());

        assertThat(Config.load(Map.of(), Optional.empty()).httpLimits().trustedProxies()).isEmpty();
        assertThat(set.httpLimits().trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.7", "fd00::/8");
        assertBad("ENROLL_TRUSTED_PROXIES", "10.0.0.0/8,balancer.internal",
                "ENROLL_TRUSTED_PROXIES: not an IP address or CIDR range: balancer.internal");
        // Never looked up as a host name (an IPv4 octet over 255 would be), nor a range with host bits.
        assertBad("ENROLL_TRUSTED_PROXIES", "300.0.0.1", "ENROLL_TRUSTED_PROXIES: not an IP address or CIDR range: 300");
        assertBad("ENROLL_TRUSTED_PROXIES", "10.0.0.1/8", "ENROLL_TRUSTED_PROXIES: not an IP address or CIDR range: 10.0.0.1/8");
    }

    @Test
    void the_environment_wins_over_the_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("enroll.properties");
        Files.writeString(file, "ENROLL_HTTP_PORT=7000\nENROLL_DB_USER=from-file\n", StandardCharsets.UTF_8);

        Config config = Config.load(Map.of("ENROLL_HTTP_PORT", "7001"), Optional.of(file));

        assertThat(config.httpPort()).isEqualTo(7001);
        assertThat(config.dbUser()).isEqualTo("from-file");
    }

    @Test
    void a_missing_file_is_one_clear_line(@TempDir Path dir) {
        assertThatThrownBy(() -> Config.load(Map.of(), Optional.of(dir.resolve("absent.properties"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.properties")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_bad_value_names_the_key_and_what_is_wrong() {
        assertBad("ENROLL_HTTP_PORT", "eighty", "ENROLL_HTTP_PORT must be a whole number from 0 to 65535");
        assertBad("ENROLL_HTTP_PORT", "70000", "ENROLL_HTTP_PORT must be a whole number from 0 to 65535");
        assertBad("ENROLL_DB_POOL_SIZE", "0", "ENROLL_DB_POOL_SIZE must be a whole number from 1");
        assertBad("ENROLL_DB_WRITERS", "0", "ENROLL_DB_WRITERS must be a whole number from 1 to 32");
        assertBad("ENROLL_DB_WRITERS", "33", "ENROLL_DB_WRITERS must be a whole number from 1 to 32");
        assertBad("ENROLL_HTTP_THREADS", "0", "ENROLL_HTTP_THREADS must be a whole number from 1 to 1000");
        assertBad("ENROLL_STORE", "mysql", "ENROLL_STORE must be postgres or memory");
        assertBad("ENROLL_MANAGEMENT_PORT", "-1", "ENROLL_MANAGEMENT_PORT must be a whole number from 0 to 65535");
        assertBad("ENROLL_LOG_FORMAT", "JSON", "ENROLL_LOG_FORMAT must be text or json");
        assertBad("ENROLL_LOG_FORMAT", "logfmt", "ENROLL_LOG_FORMAT must be text or json");
        assertBad("ENROLL_LEGACY_HEADER_AUTH", "maybe", "ENROLL_LEGACY_HEADER_AUTH must be true or false");
        assertBad("ENROLL_DB_URL", "jdbc:mysql://x/y", "ENROLL_DB_URL must be a PostgreSQL JDBC URL");
        // Refused as the driver refuses it, not later as an unexpected failure of the store.
        assertBad("ENROLL_DB_URL", "jdbc:postgresql://db:port/enroll", "ENROLL_DB_URL must be a PostgreSQL JDBC URL");
        assertBad("POLICY_DATES_OPTIONAL_PARTNER_IDS", "acme,no spaces",
                "POLICY_DATES_OPTIONAL_PARTNER_IDS must be a comma-separated list of partner ids");
        // Logback takes any name it does not know for INFO, without a word.
        assertBad("ENROLL_LOG_LEVEL", "WARNN", "ENROLL_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR or OFF");
        // The server would pick the user's own database (postgres, often) and Enroll would migrate it.
        assertBad("ENROLL_DB_URL", "jdbc:postgresql://localhost:5432/", "ENROLL_DB_URL must name a database");
        assertBad("ENROLL_DB_URL", "jdbc:postgresql://localhost:5432/?user=enroll", "ENROLL_DB_URL must name a database");
        // The driver would ignore a misspelt parameter: here, connect without TLS.
        assertBad("ENROLL_DB_URL", "jdbc:postgresql://db:5432/enroll?sslmod=require&ApplicationName=x",
                "ENROLL_DB_URL has parameters the PostgreSQL driver does not know, and would ignore: sslmod");
    }

    @Test
    void parameters_the_driver_knows_are_taken() {
        Config config = Config.load(Map.of("ENROLL_DB_URL",
                "jdbc:postgresql://db:5432/enroll?sslmode=require&ApplicationName=x&tcpKeepAlive=true"), Optional.empty());

        assertThat(config.dbUrl()).hasValue("jdbc:postgresql://db:5432/enroll?sslmode=require&ApplicationName=x&tcpKeepAlive=true");
    }

    @Test
    void the_two_ports_must_differ_unless_both_are_picked_freely() {
        assertThatThrownBy(() -> Config.load(Map.of("ENROLL_HTTP_PORT", "8100", "ENROLL_MANAGEMENT_PORT", "8100"),
                Optional.empty())).isInstanceOf(ConfigException.class)
                .hasMessage("ENROLL_MANAGEMENT_PORT and ENROLL_HTTP_PORT must differ, both are 8100");
        assertThatThrownBy(() -> Config.load(Map.of("ENROLL_MANAGEMENT_PORT", "8080"), Optional.empty()))
                .as("the API's default").isInstanceOf(ConfigException.class);
        assertThat(Config.load(Map.of("ENROLL_HTTP_PORT", "0", "ENROLL_MANAGEMENT_PORT", "0"), Optional.empty())
                .managementPort()).isZero();
    }

    @Test
    void the_log_level_is_any_of_logbacks_in_any_case() {
        assertThat(Config.load(Map.of(), Optional.empty()).logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(Config.load(Map.of("ENROLL_LOG_LEVEL", "warn"), Optional.empty()).logLevel()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void a_database_url_is_any_the_driver_reads() {
        Config shortForm = Config.load(Map.of("ENROLL_DB_URL", "jdbc:postgresql:enroll"), Optional.empty());

        assertThat(shortForm.dbUrl()).hasValue("jdbc:postgresql:enroll");
    }

    @Test
    void a_short_jwt_secret_is_refused_without_repeating_it() {
        assertThatThrownBy(() -> Config.load(Map.of("ENROLL_JWT_SECRET", "hunter2"), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ENROLL_JWT_SECRET must be at least 32 bytes")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void printing_the_configuration_never_shows_secrets() {
        Config config = Config.load(Map.of("ENROLL_DB_PASSWORD", "db-password-value",
                "ENROLL_JWT_SECRET", "jwt-secret-value-jwt-secret-value-1234",
                "ENROLL_DB_URL", "jdbc:postgresql://db.example:5432/enroll?user=app"), Optional.empty());
        Config inUrl = Config.load(Map.of(
                "ENROLL_DB_URL", "jdbc:postgresql://db.example:5432/enroll?user=app&password=url-password-value"),
                Optional.empty());

        assertThat(config.toString()).doesNotContain("db-password-value").doesNotContain("jwt-secret-value")
                .contains("jdbc:postgresql://db.example:5432/enroll");
        assertThat(inUrl.toString()).doesNotContain("url-password-value")
                .contains("jdbc:postgresql://db.example:5432/enroll");
    }

    private static void assertBad(String key, String value, String expectedStart) {
        assertThatThrownBy(() -> Config.load(Map.of(key, value), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(expectedStart)
                .hasMessageNotContaining("\n");
    }
}
