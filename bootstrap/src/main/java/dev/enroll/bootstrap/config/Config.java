package dev.enroll.bootstrap.config;

import dev.enroll.adapter.http.HttpLimits;
import dev.enroll.adapter.http.HttpSettings;
import dev.enroll.adapter.persistence.postgres.PostgresSettings;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.ContributorId;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;

/**
 * Everything the service can be told, read from environment variables and, optionally, a
 * properties file using the same keys (the environment wins). Defaults work on a developer
 * machine with nothing set: without {@value #DB_URL}, an embedded PostgreSQL keeps the data in
 * {@value #DATA_DIR}. A bad value fails with one line that
 * names the key; secret values are never repeated back. Keys it does not know, {@code ENROLL_…}
 * variables and any key of the file, are {@link #unrecognised} (in alphabetical order; keys of the
 * file not shaped ENROLL_… only counted, since such a line may be a wrapped secret): most are typos of a real key,
 * whose default would then apply unnoticed. Keys set that the chosen store does not use are
 * {@link #unused}, each with the reason.
 */
public record Config(int httpPort, StoreKind store, Optional<String> dbUrl, Path dataDir, String dbUser, String dbPassword, int dbPoolSize,
                     int dbWriters, int requestThreads, Optional<byte[]> jwtSecret, boolean legacyHeaderAuth,
                     Set<ContributorId> policyDatesOptional, HttpLimits httpLimits, int managementPort,
                     String managementHost, LogFormat logFormat, LogLevel logLevel, List<String> unrecognised,
                     List<String> unused) {

    public static final String HTTP_PORT = "ENROLL_HTTP_PORT";
    public static final String STORE = "ENROLL_STORE";
    /** The database; when unset, the embedded development PostgreSQL in {@link #DATA_DIR}. */
    public static final String DB_URL = "ENROLL_DB_URL";
    public static final String DATA_DIR = "ENROLL_DATA_DIR";
    public static final String DB_USER = "ENROLL_DB_USER";
    public static final String DB_PASSWORD = "ENROLL_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "ENROLL_DB_POOL_SIZE";
    /** Threads that write new users in groups, sharing commits; each holds a pool connection while it writes. */
    public static final String DB_WRITERS = "ENROLL_DB_WRITERS";
    /** Requests worked on at once; by default as many as the pool has connections. */
    public static final String HTTP_THREADS = "ENROLL_HTTP_THREADS";
    public static final String JWT_SECRET = "ENROLL_JWT_SECRET";
    public static final String LEGACY_HEADER_AUTH = "ENROLL_LEGACY_HEADER_AUTH";
    public static final String POLICY_DATES_OPTIONAL = "POLICY_DATES_OPTIONAL_PARTNER_IDS";
    /** The operators' port: metrics and health probes, never served beside the API. */
    public static final String MANAGEMENT_PORT = "ENROLL_MANAGEMENT_PORT";
    public static final String MANAGEMENT_HOST = "ENROLL_MANAGEMENT_HOST";
    /**
     * Read from the environment by LogConfigurator, when logging starts; checked here too, so that
     * a typo stops start-up instead of quietly logging text.
     */
    public static final String LOG_FORMAT = "ENROLL_LOG_FORMAT";
    /** The root log level, INFO by default; read from the environment by LogConfigurator only. */
    public static final String LOG_LEVEL = "ENROLL_LOG_LEVEL";
    /** API requests that may wait for a request slot; one more is answered 503 at once. */
    public static final String HTTP_MAX_WAITING = "ENROLL_HTTP_MAX_WAITING";
    public static final String RATE_LIMIT_RPS = "ENROLL_RATE_LIMIT_RPS";
    public static final String RATE_LIMIT_BURST = "ENROLL_RATE_LIMIT_BURST";
    /** Failed credential checks per client id, and per source address, per minute. */
    public static final String CREDENTIAL_FAILURES = "ENROLL_CREDENTIAL_FAILURES_PER_MINUTE";
    /** Addresses and CIDR ranges of the load balancers in front of the API, comma-separated. */
    public static final String TRUSTED_PROXIES = "ENROLL_TRUSTED_PROXIES";
    /** The import command's client secret, read by it alone from the environment: a client's setting, not the server's. */
    public static final String CLIENT_SECRET = "ENROLL_CLIENT_SECRET";
    /** Environment variables with this prefix are meant for Enroll. */
    static final String PREFIX = "ENROLL_";
    /** The shape of Enroll's keys; only keys of a file so shaped are named ({@link #namedInLogs}). */
    private static final Pattern NAMED_KEY = Pattern.compile("ENROLL_[A-Z0-9_]{1,57}");

    static final int DEFAULT_HTTP_PORT = 8080;
    static final String EXAMPLE_DB_URL = "jdbc:postgresql://localhost:5432/enroll";
    static final String DEFAULT_DATA_DIR = "enroll-data";
    static final int DEFAULT_MANAGEMENT_PORT = 9090;
    /** Loopback: metrics are for a scraper on the same host or behind it, never for the API's callers. */
    static final String DEFAULT_MANAGEMENT_HOST = "127.0.0.1";
    static final String DEFAULT_DB_USER = "postgres";
    /**
     * One connection per request worked on at once (see ENROLL_HTTP_THREADS); 32 measured better
     * than 10 at 32 clients (docs/benchmark.md).
     */
    static final int DEFAULT_POOL_SIZE = 32;

    public Config {
        jwtSecret = jwtSecret.map(byte[]::clone);
        policyDatesOptional = Set.copyOf(policyDatesOptional);
        unrecognised = List.copyOf(unrecognised);
        unused = List.copyOf(unused);
    }

    /** Reads the configuration from {@code environment}, over the values of {@code file} if given. */
    public static Config load(Map<String, String> environment, Optional<Path> file) {
        Map<String, String> values = new HashMap<>();
        Set<String> candidates = new TreeSet<>();
        Set<String> unshaped = new HashSet<>();
        file.ifPresent(path -> {
            values.putAll(readFile(path));
            values.keySet().forEach(key -> (namedInLogs(key) ? candidates : unshaped).add(key));
        });
        environment.forEach((key, value) -> {
            // An empty or blank variable is none, as everywhere else (docker compose passes "KEY="
            // for a key it leaves unset): it must not blank out the file's value.
            if (value != null && !value.isBlank()) {
                values.put(key, value);
                if (key.startsWith(PREFIX) && !key.equals(CLIENT_SECRET)) {
                    candidates.add(key);
                }
            }
        });
        return from(values, candidates, unshaped);
    }

    static Config from(Map<String, String> values) {
        return from(values, Set.of(), Set.of());
    }

    /**
     * {@code candidates}: the keys that are unrecognised unless a setting reads them;
     * {@code counted}: the file's keys that are unrecognised unless a setting reads them, counted only.
     */
    private static Config from(Map<String, String> values, Set<String> candidates, Set<String> counted) {
        Settings settings = new Settings(values, new HashSet<>());
        int poolSize = settings.integer(DB_POOL_SIZE, DEFAULT_POOL_SIZE, 1, 200);
        int httpPort = settings.integer(HTTP_PORT, DEFAULT_HTTP_PORT, 0, 65_535);
        int managementPort = settings.integer(MANAGEMENT_PORT, DEFAULT_MANAGEMENT_PORT, 0, 65_535);
        // Two servers cannot share a port; 0 ("any free port") for both is fine.
        if (managementPort != 0 && managementPort == httpPort) {
            throw new ConfigException(MANAGEMENT_PORT + " and " + HTTP_PORT + " must differ, both are " + managementPort);
        }
        StoreKind store = settings.store();
        // The memory store opens no database: its keys are reported unused (below), never refused.
        boolean opensDatabase = store != StoreKind.MEMORY;
        Optional<String> dbUrl = opensDatabase ? settings.jdbcUrl() : settings.raw(DB_URL);
        Optional<String> checkedUrl = opensDatabase ? dbUrl : Optional.empty();
        List<String> unused = unused(settings, store, dbUrl.isPresent());
        return new Config(
                httpPort,
                store,
                dbUrl,
                Path.of(settings.raw(DATA_DIR).orElse(DEFAULT_DATA_DIR)),
                settings.credential(DB_USER, checkedUrl, "user", PostgresSettings::agreedUser, DEFAULT_DB_USER),
                settings.credential(DB_PASSWORD, checkedUrl, "password", PostgresSettings::agreedPassword, ""),
                poolSize,
                opensDatabase ? settings.integer(DB_WRITERS, PostgresSettings.defaultWriters(poolSize), 1, poolSize)
                        : PostgresSettings.defaultWriters(poolSize),
                settings.integer(HTTP_THREADS, poolSize, 1, HttpSettings.MAX_REQUEST_THREADS),
                settings.jwtSecret(),
                settings.bool(LEGACY_HEADER_AUTH, true),
                settings.partnerIds(POLICY_DATES_OPTIONAL),
                httpLimits(settings),
                managementPort,
                settings.raw(MANAGEMENT_HOST).orElse(DEFAULT_MANAGEMENT_HOST),
                settings.logFormat(),
                settings.logLevel(),
                unread(candidates, counted, settings),
                unused);
    }

    /** The keys set that the store chosen does not use, each with why: set for nothing, they mislead. */
    private static List<String> unused(Settings settings, StoreKind store, boolean ownServer) {
        Map<String, String> why = new LinkedHashMap<>();
        if (store == StoreKind.MEMORY) {
            for (String key : List.of(DB_URL, DATA_DIR, DB_USER, DB_PASSWORD, DB_WRITERS)) {
                why.put(key, STORE + "=memory keeps no database");
            }
        } else if (ownServer) {
            why.put(DATA_DIR, DB_URL + " names the database");
        } else {
            why.put(DB_USER, "the embedded database has its own");
            why.put(DB_PASSWORD, "the embedded database has its own");
        }
        List<String> unused = new ArrayList<>();
        why.forEach((key, reason) -> settings.raw(key).ifPresent(value -> unused.add(key + " (" + reason + ")")));
        return unused;
    }

    /** In alphabetical order, then the count of the file's other lines. */
    private static List<String> unread(Set<String> candidates, Set<String> counted, Settings settings) {
        Set<String> unread = new TreeSet<>(candidates);
        unread.removeAll(settings.read());
        List<String> named = new ArrayList<>(unread);
        long others = counted.stream().filter(key -> !settings.read().contains(key)).count();
        if (others > 0) {
            named.add(others + (others == 1 ? " other line" : " other lines") + " of the file (not named: a line"
                    + " that is no ENROLL_…=value may be a wrapped secret)");
        }
        return List.copyOf(named);
    }

    private static HttpLimits httpLimits(Settings settings) {
        HttpLimits defaults = HttpLimits.defaults();
        HttpLimits limits = defaults
                .withWaiting(settings.integer(HTTP_MAX_WAITING, defaults.maxWaitingRequests(), 0, 10_000), defaults.maxWait())
                .withPartnerRate(settings.integer(RATE_LIMIT_RPS, defaults.partnerRequestsPerSecond(), 1, 1_000_000),
                        settings.integer(RATE_LIMIT_BURST, defaults.partnerBurst(), 1, 1_000_000))
                .withCredentialFailures(settings.integer(CREDENTIAL_FAILURES, defaults.credentialFailures(), 1, 1_000_000));
        List<String> proxies = settings.raw(TRUSTED_PROXIES).stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(proxy -> !proxy.isEmpty()).toList();
        try {
            return limits.withTrustedProxies(proxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(TRUSTED_PROXIES + ": " + e.getMessage());
        }
    }

    /**
     * Whether a key of the file may be named in a message: one shaped as Enroll's keys are. A line
     * that is no key=value (a wrapped password, say) is read as a key and must never be shown.
     */
    private static boolean namedInLogs(String key) {
        return NAMED_KEY.matcher(key).matches() || key.equals(POLICY_DATES_OPTIONAL);
    }

    private static Map<String, String> readFile(Path path) {
        Set<String> repeated = new TreeSet<>();
        // Properties keeps a key's last line without a word; which one the operator meant is not ours to guess.
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                Object earlier = super.put(key, value);
                if (earlier != null) {
                    repeated.add((String) key);
                }
                return earlier;
            }
        };
        try {
            // A byte order mark (Notepad writes one) would otherwise become part of the first key.
            properties.load(new StringReader(Files.readString(path, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "")));
        } catch (CharacterCodingException e) {
            throw new ConfigException("configuration file " + path + " is not UTF-8");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // Properties' one refusal: a backslash-u not followed by four hex digits.
            throw new ConfigException("configuration file " + path + " has a \\u escape that is not four hex digits");
        }
        // Only key-shaped names are repeated back: another line may be part of a wrapped secret.
        List<String> keys = repeated.stream().filter(Config::namedInLogs).toList();
        if (!keys.isEmpty()) {
            throw new ConfigException(String.join(", ", keys) + (keys.size() == 1 ? " is" : " are each")
                    + " given more than once in " + path + "; keep one line for each key");
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).strip()));
        return values;
    }

    @Override
    public String toString() {
        // The URL's parameters may hold a password (password=…): only where it points is shown.
        String where = dbUrl.map(url -> url.replaceFirst("\\?.*", "?…")).orElse("(embedded)");
        return "Config[httpPort=" + httpPort + ", store=" + store + ", dbUrl=" + where
                + ", dataDir=" + dataDir + ", dbUser=" + dbUser
                + ", dbPoolSize=" + dbPoolSize + ", dbWriters=" + dbWriters + ", requestThreads=" + requestThreads + ", jwtSecret=" + (jwtSecret.isPresent() ? "set" : "generated")
                + ", legacyHeaderAuth=" + legacyHeaderAuth + ", policyDatesOptional=" + policyDatesOptional
                + ", httpLimits=" + httpLimits
                + ", managementPort=" + managementPort + ", managementHost=" + managementHost + ", logFormat=" + logFormat
                + "]";
    }

    /** Parses one value at a time, failing with a message that names the key; notes the keys it was asked. */
    private record Settings(Map<String, String> values, Set<String> read) {

        private Optional<String> raw(String key) {
            read.add(key);
            String value = values.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        /**
         * The database user or password: the key's, else the URL's ({@code ?user=}), else
         * {@code fallback}; an empty value is none. PostgresSettings decides that one value serves
         * every connection; here its refusal is put in the keys' terms.
         */
        String credential(String key, Optional<String> url, String parameter, BinaryOperator<String> agreed,
                          String fallback) {
            read.add(key);
            String value = values.get(key);
            String given = value == null || value.isEmpty() ? null : value;
            try {
                String used = url.map(u -> agreed.apply(u, given)).orElse(given);
                return used != null ? used : fallback;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + " and the " + parameter + " in " + DB_URL
                        + " differ; give only one");
            }
        }

        int integer(String key, int fallback, int min, int max) {
            Optional<String> value = raw(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.get());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below, with the accepted range
            }
            throw new ConfigException(key + " must be a whole number from " + min + " to " + max
                    + ", got '" + value.get() + "'");
        }

        boolean bool(String key, boolean fallback) {
            Optional<String> value = raw(key);
            if (value.isEmpty()) {
                return fallback;
            }
            switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true", "on", "yes", "1":
                    return true;
                case "false", "off", "no", "0":
                    return false;
                default:
                    throw new ConfigException(key + " must be true or false, got '" + value.get() + "'");
            }
        }

        LogFormat logFormat() {
            Optional<String> value = raw(LOG_FORMAT);
            if (value.isEmpty()) {
                return LogFormat.TEXT;
            }
            return LogFormat.named(value.get()).orElseThrow(
                    () -> new ConfigException(LOG_FORMAT + " must be text or json, got '" + value.get() + "'"));
        }

        LogLevel logLevel() {
            Optional<String> value = raw(LOG_LEVEL);
            if (value.isEmpty()) {
                return LogLevel.INFO;
            }
            return LogLevel.named(value.get()).orElseThrow(() -> new ConfigException(LOG_LEVEL
                    + " must be one of " + LogLevel.spelled() + ", got '" + value.get() + "'"));
        }

        StoreKind store() {
            Optional<String> value = raw(STORE);
            if (value.isEmpty()) {
                return StoreKind.POSTGRES;
            }
            try {
                return StoreKind.valueOf(value.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(STORE + " must be postgres or memory, got '" + value.get() + "'");
            }
        }

        Optional<String> jdbcUrl() {
            Optional<String> url = raw(DB_URL);
            if (url.isPresent() && !PostgresSettings.isPostgresUrl(url.get())) {
                throw new ConfigException(DB_URL + " must be a PostgreSQL JDBC URL such as " + EXAMPLE_DB_URL);
            }
            List<String> unknown = url.map(PostgresSettings::unknownParameters).orElse(List.of());
            if (!unknown.isEmpty()) {
                // Names only: a value may be a secret.
                throw new ConfigException(DB_URL + " has parameters the PostgreSQL driver does not know, and would"
                        + " ignore: " + String.join(", ", unknown));
            }
            // Without one the server picks the user's own database (postgres, often): not Enroll's.
            if (url.isPresent() && PostgresSettings.databaseNameOf(url.get()).isEmpty()) {
                throw new ConfigException(DB_URL + " must name a database, as in " + EXAMPLE_DB_URL);
            }
            return url;
        }

        Optional<byte[]> jwtSecret() {
            Optional<String> value = raw(JWT_SECRET);
            if (value.isPresent() && value.get().getBytes(StandardCharsets.UTF_8).length < HttpSettings.MIN_SIGNING_KEY_BYTES) {
                // The value itself is a secret: say what is wrong, never what it was.
                throw new ConfigException(JWT_SECRET + " must be at least " + HttpSettings.MIN_SIGNING_KEY_BYTES
                        + " bytes long (256 bits for HS256)");
            }
            return value.map(text -> text.getBytes(StandardCharsets.UTF_8));
        }

        Set<ContributorId> partnerIds(String key) {
            Set<ContributorId> ids = new LinkedHashSet<>();
            for (String id : raw(key).map(text -> text.split(",")).orElse(new String[0])) {
                if (id.isBlank()) {
                    continue;
                }
                try {
                    ids.add(new ContributorId(id.strip()));
                } catch (InvalidValueException e) {
                    throw new ConfigException(key + " must be a comma-separated list of partner ids; '"
                            + id.strip() + "' is not one");
                }
            }
            return ids;
        }
    }
}
