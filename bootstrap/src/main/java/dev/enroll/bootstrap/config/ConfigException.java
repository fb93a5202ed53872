package dev.enroll.bootstrap.config;

/** A configuration value is missing or wrong; the message is one line naming the key. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
