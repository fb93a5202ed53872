package dev.enroll.adapter.http;

import dev.enroll.application.port.in.ImportRow;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The rows of an import body, read one ahead: a format says how to read the next row, this makes it an iterator. */
abstract class LookaheadRows implements Iterator<ImportRow> {

    private ImportRow next;
    private boolean ended;

    /** The next row of the body; {@code null} at its end. */
    abstract ImportRow readRow();

    @Override
    public final boolean hasNext() {
        if (next == null && !ended) {
            next = readRow();
            ended = next == null;
        }
        return next != null;
    }

    @Override
    public final ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportRow row = next;
        next = null;
        return row;
    }
}
