package dev.enroll.application.service;

import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.Text;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads an instant as RFC 3339 writes one (the OpenAPI document's {@code date-time}): a date,
 * {@code T}, a time with seconds and up to nine fraction digits, and {@code Z} or an offset
 * {@code ±hh:mm}; {@code T} and {@code Z} in either case, as RFC 3339 allows, and surrounding space
 * trimmed, as in every text field. What a generated client sends is read, and no wider ISO 8601
 * form a schema validator would refuse (no seconds, {@code +02}); of RFC 3339 itself, leap seconds
 * and a tenth fraction digit are refused, as {@code java.time} holds neither. A date or time
 * without an offset names no single instant. The year must have four digits (0001 to 9999, in
 * UTC): ISO 8601's own range without agreement between the parties, well inside what PostgreSQL
 * stores, and wider than any policy needs.
 */
final class InstantParser {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private InstantParser() {
    }

    static Instant parse(String field, String text) {
        try {
            Instant instant = OffsetDateTime.parse(Text.trimmed(text), RFC_3339).toInstant();
            if (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST)) {
                throw new InvalidValueException(field, "must be between years 0001 and 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field,
                    "must be an RFC 3339 date-time such as 2024-01-01T00:00:00.000Z");
        }
    }
}
