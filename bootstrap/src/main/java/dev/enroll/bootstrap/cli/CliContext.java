package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.config.Config;
import dev.enroll.bootstrap.wiring.LogConfigurator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every command reads from and writes to, and what {@code serve} does once up; tests give their own. */
public record CliContext(Map<String, String> environment, PrintWriter out, PrintWriter err, Serving serving) {

    /** A context whose {@code serve} serves until the process is stopped. */
    public CliContext(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        this(environment, out, err, Serving.UNTIL_STOPPED);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Config.class);

    Config config(Path configFile) {
        Config config = Config.load(environment, Optional.ofNullable(configFile));
        LogConfigurator.apply(config.logFormat(), config.logLevel());
        if (!config.unrecognised().isEmpty()) {
            // Names only: a value may be a secret.
            LOG.warn("Ignored, not Enroll settings (README.md, \"Configuration\","
                    + " lists them): {}", String.join(", ", config.unrecognised()));
        }
        if (!config.unused().isEmpty()) {
            LOG.warn("Set but not used: {}", String.join(", ", config.unused()));
        }
        return config;
    }
}
