package dev.enroll.adapter.http;

import dev.enroll.application.port.in.ImportRow;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An import's rows, which end early once the server begins to stop: the rows already read are
 * imported and answered, and {@link #cut()} tells the route to end with an error line rather
 * than a summary that would claim the body was read to its end.
 */
final class StopAwareRows implements Iterator<ImportRow> {

    private final Iterator<ImportRow> rows;
    private final StopSignal stop;
    private boolean cut;
    private boolean ended;

    StopAwareRows(Iterator<ImportRow> rows, StopSignal stop) {
        this.rows = rows;
        this.stop = stop;
    }

    @Override
    public boolean hasNext() {
        if (ended) {
            // The body ended before the stop: the import is whole, whatever comes after.
            return false;
        }
        if (cut || stop.begun()) {
            cut = true;
            return false;
        }
        ended = !rows.hasNext();
        return !ended;
    }

    @Override
    public ImportRow next() {
        if (cut) {
            throw new NoSuchElementException("the rows were cut short by a stop");
        }
        return rows.next();
    }

    /** Whether the body was read to its end. */
    boolean ended() {
        return ended;
    }

    /** Whether the rows ended because the server is stopping, not because the body did. */
    boolean cut() {
        return cut;
    }
}
