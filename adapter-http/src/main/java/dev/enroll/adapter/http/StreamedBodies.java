package dev.enroll.adapter.http;

import io.javalin.http.Context;
import java.util.Set;

/**
 * The routes whose body streams in while they work, declared once: only the import. Its body is
 * its work, read row by row while the answer streams out, and may be gigabytes long, so it is
 * never held whole. Whatever needs a request's whole body first asks here: the request slots
 * ({@link Admission}) do not receive it up front, and idempotency keys ({@link IdempotencyStep}),
 * which fingerprint the body and keep the answer, are refused on it.
 */
final class StreamedBodies {

    private static final Set<String> PATHS = Set.of(ImportRoutes.IMPORT);

    private StreamedBodies() {
    }

    static boolean streams(Context ctx) {
        return PATHS.contains(ctx.path());
    }
}
