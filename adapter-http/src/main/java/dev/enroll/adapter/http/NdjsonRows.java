package dev.enroll.adapter.http;

import dev.enroll.application.port.in.ImportRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The rows of an NDJSON body, read as they arrive: one JSON object per line (LF or CRLF), a UTF-8
 * byte order mark at the start ignored, blank lines skipped. A line longer than
 * {@link JsonBody#MAX_BYTES} is an unreadable row, skipped without being held, so memory stays
 * bounded whatever the body.
 */
final class NdjsonRows extends LookaheadRows {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean atEnd;
    private byte[] line = new byte[1024];
    private int lineLength;
    private boolean lineTooLong;
    private long lineNumber;

    NdjsonRows(InputStream in) {
        this.in = in;
    }

    @Override
    ImportRow readRow() {
        ImportRow row = null;
        while (row == null && readLine()) {
            lineNumber++;
            if (lineNumber == 1 && startsWithBom()) {
                System.arraycopy(line, BOM.length, line, 0, lineLength - BOM.length);
                lineLength -= BOM.length;
            }
            row = row();
        }
        return row;
    }

    /** The current line as a row; {@code null} for a blank line. */
    private ImportRow row() {
        if (lineTooLong) {
            return ImportRowReader.unreadable(lineNumber,
                    new MalformedRequestException("line", "is longer than " + JsonBody.MAX_BYTES + " bytes"));
        }
        if (isBlank()) {
            return null;
        }
        try {
            return ImportRowReader.read(lineNumber, JsonBody.parse(Arrays.copyOf(line, lineLength), "line"));
        } catch (MalformedRequestException e) {
            return ImportRowReader.unreadable(lineNumber, e);
        }
    }

    /** Reads up to the next LF into {@link #line} (at most its limit, counting the rest); false at the end. */
    private boolean readLine() {
        lineLength = 0;
        lineTooLong = false;
        boolean any = false;
        while (fill()) {
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position);
            if (position < limit) {
                position++; // the LF
                stripCarriageReturn();
                return true;
            }
        }
        stripCarriageReturn();
        return any;
    }

    private void append(int from, int to) {
        int count = to - from;
        if (lineTooLong || lineLength + count > JsonBody.MAX_BYTES) {
            lineTooLong = true;
            return;
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(JsonBody.MAX_BYTES, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength += count;
    }

    private void stripCarriageReturn() {
        if (!lineTooLong && lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
    }

    private boolean fill() {
        if (position < limit) {
            return true;
        }
        if (atEnd) {
            return false;
        }
        try {
            int read = in.read(buffer);
            if (read < 0) {
                atEnd = true;
                return false;
            }
            position = 0;
            limit = read;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean startsWithBom() {
        return lineLength >= BOM.length && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2];
    }

    private boolean isBlank() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
