package dev.enroll.adapter.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;

/**
 * A HEAD request is answered as the GET of the same path would be, less the body (RFC 9110,
 * 9.3.2): the same checks, status and headers. Left to itself, Javalin answers a HEAD on any path
 * that has a GET route with 200, without running the route or its access rule: a readiness probe
 * sent as HEAD was always ready (and 401 on the API's port), and a HEAD for a user who does not
 * exist found one. So each GET route is registered for HEAD too, the moment it is added; Jetty
 * leaves the body out of the answer.
 */
final class HeadRoutes {

    private Javalin app;

    /** Has the server {@code config} configures take a HEAD route beside each GET route it is given. */
    void watch(JavalinConfig config) {
        config.events(events -> events.handlerAdded(handler -> {
            if (handler.getHttpMethod() == HandlerType.GET) {
                if (app == null) {
                    throw new IllegalStateException("HeadRoutes.serve(app) must come before the first route");
                }
                app.head(handler.getPath(), handler.getHandler(), handler.getRoles().toArray(RouteRole[]::new));
            }
        }));
    }

    /** The server being configured, as soon as it is created and before any route is added. */
    void serve(Javalin server) {
        this.app = server;
    }
}
