package dev.enroll.application.service;

import dev.enroll.domain.InvalidValueException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an ISO-8601 instant: a date, a time, and {@code Z} or an offset; milliseconds optional.
 * A date or time without an offset is refused, since it names no single instant. The year must
 * have four digits (0001 to 9999, in UTC): ISO 8601's own range without agreement between the
 * parties, well inside what PostgreSQL stores, and wider than any policy needs.
 */
final class InstantParser {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private InstantParser() {
    }

    static Instant parse(String field, String text) {
        try {
            Instant instant = OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST)) {
                throw new InvalidValueException(field, "must be between years 0001 and 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field,
                    "must be an ISO-8601 instant such as 2024-01-01T00:00:00.000Z");
        }
    }
}
