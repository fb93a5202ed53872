package dev.enroll.bootstrap.cli;

import dev.enroll.bootstrap.config.Config;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What every command reads from and writes to; tests give their own. */
public record CliContext(Map<String, String> environment, PrintWriter out, PrintWriter err) {

    Config config(Path configFile) {
        return Config.load(environment, Optional.ofNullable(configFile));
    }
}
