package dev.enroll.application.port.in;

import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Creates many users from one stream of rows, each under exactly the rules of a single create
 * (docs/identity.md), in chunks: memory stays bounded whatever the stream's length.
 */
public interface ImportUsersUseCase {

    /**
     * Reads {@code rows} to their end and hands each chunk's results, in input order, to
     * {@code report}; a row is reported {@code CREATED} only once it is committed. A bad row never
     * stops the others. {@code report} is called on a thread of the import's own, while this
     * thread reads on, one chunk after the other; none is called after this returns or throws. The caller was authenticated before this is called, once for the whole
     * import, as for any request.
     */
    ImportSummary importUsers(ImportCommand command, Iterator<ImportRow> rows, Consumer<List<ImportedRow>> report);
}
