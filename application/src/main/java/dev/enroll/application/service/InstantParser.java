package dev.enroll.application.service;

import dev.enroll.domain.InvalidValueException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an ISO-8601 instant: a date, a time, and {@code Z} or an offset; milliseconds optional.
 * A date or time without an offset is refused, since it names no single instant.
 */
final class InstantParser {

    private InstantParser() {
    }

    static Instant parse(String field, String text) {
        try {
            return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field,
                    "must be an ISO-8601 instant such as 2024-01-01T00:00:00.000Z");
        }
    }
}
