package dev.enroll.adapter.persistence.postgres;

import java.time.OffsetDateTime;

/**
 * Rows in the text format of PostgreSQL's {@code COPY ... FROM STDIN}: tab-separated, {@code \N}
 * for NULL, and backslash escapes for the characters that would break the format.
 */
final class CopyText {

    private final StringBuilder text = new StringBuilder();
    private boolean lineStarted;

    /** Appends one value of the current row. */
    CopyText value(Object value) {
        if (lineStarted) {
            text.append('\t');
        }
        lineStarted = true;
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof OffsetDateTime timestamp) {
            // ISO 8601 with its offset: read back exactly, whatever the session's time zone.
            text.append(timestamp);
        } else {
            escape(value.toString());
        }
        return this;
    }

    /** Ends the current row. */
    CopyText endRow() {
        text.append('\n');
        lineStarted = false;
        return this;
    }

    String text() {
        return text.toString();
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> text.append(c);
            }
        }
    }
}
