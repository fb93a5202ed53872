package dev.enroll.bootstrap.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The least severe log lines written ({@value Config#LOG_LEVEL}): Logback's levels. */
public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF;

    /** The levels as a sentence lists them: "TRACE, DEBUG, …, ERROR or OFF". */
    static String spelled() {
        List<String> names = Arrays.stream(values()).map(Enum::name).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The level {@code value} names, in any case; empty for anything else (Logback would quietly take INFO). */
    public static Optional<LogLevel> named(String value) {
        for (LogLevel level : values()) {
            if (level.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
