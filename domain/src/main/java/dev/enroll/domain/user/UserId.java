package dev.enroll.domain.user;

import dev.enroll.domain.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/** A user's id: a UUID version 7, so ids sort by creation time and index well. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
        if (value.version() != 7 || value.variant() != 2) {
            throw new InvalidValueException("id", "must be a UUID version 7");
        }
    }

    /** Parses the canonical 36-character form only: the id travels in URLs and must have one spelling. */
    public static UserId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new InvalidValueException("id", "must be a UUID version 7");
        }
        try {
            return new UserId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("id", "must be a UUID version 7");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
