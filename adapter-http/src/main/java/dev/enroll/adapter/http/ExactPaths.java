package dev.enroll.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A path written out in full ({@code /api/users/import}) is a resource of its own: OpenAPI
 * matches it before a templated path that would match the same text ({@code /api/users/{userId}}),
 * and so does a client reading the document. The router does not: it would serve
 * {@code GET /api/users/import} as the user "import" (404). So a method such a path does not
 * serve is 405 naming those it does, decided here from the routes themselves for every such path.
 */
final class ExactPaths {

    private static final Pattern PARAMETER = Pattern.compile("\\{[^/}]+}");

    private ExactPaths() {
    }

    /** Guards every exact path of {@code routes} ({@code METHOD /path}) that a templated one also matches. */
    static void guard(Javalin app, Collection<String> routes) {
        Map<String, Set<String>> methods = new TreeMap<>();
        for (String route : routes) {
            int space = route.indexOf(' ');
            methods.computeIfAbsent(route.substring(space + 1), path -> new TreeSet<>()).add(route.substring(0, space));
        }
        methods.forEach((path, served) -> {
            if (!PARAMETER.matcher(path).find() && shadowed(path, methods.keySet())) {
                Set<String> allowed = new TreeSet<>(served);
                if (allowed.contains("GET")) {
                    allowed.add("HEAD");
                }
                String allow = String.join(", ", allowed);
                app.before(path, ctx -> {
                    if (!allowed.contains(ctx.method().name())) {
                        throw new MethodNotAllowedResponse("", Map.of("availableMethods", allow));
                    }
                });
            }
        });
    }

    private static boolean shadowed(String path, Set<String> paths) {
        return paths.stream().anyMatch(template -> PARAMETER.matcher(template).find() && matches(template, path));
    }

    /** Whether {@code template} matches {@code path} segment by segment, a parameter matching any segment. */
    private static boolean matches(String template, String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (!expected[i].equals(actual[i]) && !PARAMETER.matcher(expected[i]).matches()) {
                return false;
            }
        }
        return true;
    }
}
