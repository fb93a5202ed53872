package dev.enroll.adapter.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A HEAD request is answered as the GET of the same path would be, less the body (RFC 9110,
 * 9.3.2): the same checks, status and headers. Left to itself, Javalin answers a HEAD on any path
 * that has a GET route with 200, without running the route or its access rule: a readiness probe
 * sent as HEAD was always ready (and 401 on the API's port), and a HEAD for a user who does not
 * exist found one. So every server is created here, and each GET route it is given is registered
 * for HEAD too, the moment it is added; Jetty leaves the body out of the answer.
 */
final class HeadRoutes {

    private HeadRoutes() {
    }

    /** A server configured by {@code config}, whose every GET route also answers HEAD. */
    static Javalin create(Consumer<JavalinConfig> config) {
        AtomicReference<Javalin> created = new AtomicReference<>();
        Javalin app = Javalin.create(settings -> {
            config.accept(settings);
            settings.events(events -> events.handlerAdded(handler -> {
                if (handler.getHttpMethod() == HandlerType.GET) {
                    created.get().head(handler.getPath(), handler.getHandler(),
                            handler.getRoles().toArray(RouteRole[]::new));
                }
            }));
        });
        created.set(app); // before any route: routes are added to the server this returns
        return app;
    }
}
