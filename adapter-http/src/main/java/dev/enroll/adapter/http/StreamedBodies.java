package dev.enroll.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
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

    /**
     * Whether the request goes to such a route: decided before routing, so as the router will
     * decide it: the method, and the path with trailing slashes ignored (Javalin's default).
     */
    static boolean streams(Context ctx) {
        if (ctx.method() != HandlerType.POST) {
            return false;
        }
        String path = ctx.path();
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return PATHS.contains(path.substring(0, end));
    }
}
