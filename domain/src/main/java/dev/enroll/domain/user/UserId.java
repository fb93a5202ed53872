package dev.enroll.domain.user;

import dev.enroll.domain.InvalidValueException;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A user's id: a UUID version 7, so ids sort by creation time and index well. */
public record UserId(UUID value) {

    // UUID.fromString alone also takes "+190f1f2-03a4b-..." (signs, moved dashes) as the same id.
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public UserId {
        Objects.requireNonNull(value, "value");
        if (value.version() != 7 || value.variant() != 2) {
            throw new InvalidValueException("id", "must be a UUID version 7");
        }
    }

    /**
     * Parses the canonical 8-4-4-4-12 hex form only: the id travels in URLs and must not have
     * aliases. Hex digits may be either case, which RFC 9562 asks readers of UUIDs to accept.
     */
    public static UserId parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
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
