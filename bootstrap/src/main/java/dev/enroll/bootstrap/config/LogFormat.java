package dev.enroll.bootstrap.config;

import java.util.Locale;
import java.util.Optional;

/** How log lines are written: for people ({@code text}) or as one JSON object per line ({@code json}). */
public enum LogFormat {
    TEXT,
    JSON;

    /** The format {@value Config#LOG_FORMAT} names: its name in lower case. */
    public static Optional<LogFormat> named(String value) {
        for (LogFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
