package dev.enroll.adapter.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A HEAD request is answered as the GET of the same path would be, less the body (RFC 9110,
 * 9.3.2): the same checks, status and headers. Left to itself, Javalin answers a HEAD on any path
 * that has a GET route with 200, without running the route or its access rule: a readiness probe
 * sent as HEAD was always ready (and 401 on the API's port), and a HEAD for a user who does not
 * exist found one. So every GET route of a server is registered for HEAD too, once its routes
 * are in; Jetty leaves the body out of the answer.
 */
final class HeadRoutes {

    private final List<HandlerMetaInfo> gets = new CopyOnWriteArrayList<>();

    /** Notes each GET route {@code config}'s server is given. */
    void watch(JavalinConfig config) {
        config.events(events -> events.handlerAdded(handler -> {
            if (handler.getHttpMethod() == HandlerType.GET) {
                gets.add(handler);
            }
        }));
    }

    /** Registers a HEAD route for each GET route {@code app} has been given so far. */
    void addTo(Javalin app) {
        for (HandlerMetaInfo get : gets) {
            app.head(get.getPath(), get.getHandler(), get.getRoles().toArray(RouteRole[]::new));
        }
    }
}
