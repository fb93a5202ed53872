package dev.enroll.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enroll.bootstrap.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop as a platform's probes see it: traffic is sent elsewhere before the service goes. */
class StoppingTest {

    private static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void from_the_moment_a_stop_begins_the_management_port_says_not_ready_while_requests_in_flight_finish()
            throws Exception {
        Config config = Config.load(Map.of(Config.STORE, "memory", Config.HTTP_PORT, "0",
                Config.MANAGEMENT_PORT, "0"), Optional.empty());
        RunningService service = Wiring.serve(config, new PrintWriter(Writer.nullWriter()));
        try {
            URI ready = URI.create("http://127.0.0.1:" + service.managementPort() + "/health/ready");
            assertThat(status(ready)).isEqualTo(200);

            CompletableFuture<Void> stop;
            try (Socket inFlight = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
                inFlight.setSoTimeout(10_000);
                OutputStream out = inFlight.getOutputStream();
                // A request the server is working on: it asked for the body (100 Continue), which is still to come.
                out.write(("POST /api/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(read(inFlight.getInputStream(), CONTINUE.length())).isEqualTo(CONTINUE);

                stop = CompletableFuture.runAsync(service::close);
                int seen = 200;
                long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (seen == 200 && System.nanoTime() < giveUpAt) {
                    seen = status(ready);
                }

                assertThat(seen).as("the management port's readiness while the API drains").isEqualTo(503);
                assertThat(stop).as("the stop waits for the request in flight").isNotDone();
                out.write("{}".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Answered: 400 (no credentials in the body), or 408 if the body came later than its grace.
                assertThat(read(inFlight.getInputStream(), "HTTP/1.1 400".length()))
                        .as("the request in flight is answered").isIn("HTTP/1.1 400", "HTTP/1.1 408");
            }
            // The connection closed, nothing is left in flight: the stop ends now, not at an idle timeout.
            stop.get(10, TimeUnit.SECONDS);
        } finally {
            service.close(); // a second close is harmless; a failed test leaves no server behind
        }
    }

    private int status(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String read(InputStream in, int bytes) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < bytes) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            got.write(next);
        }
        return got.toString(StandardCharsets.US_ASCII);
    }
}
