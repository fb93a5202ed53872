package dev.enroll.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private HttpServer server;
    private final Set<InetSocketAddress> clientEnds = ConcurrentHashMap.newKeySet();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/length", exchange -> answer(exchange, 200, "{\"id\":\"x\"}", false));
        server.createContext("/chunked", exchange -> answer(exchange, 200, "a body sent in chunks", true));
        server.createContext("/conflict", exchange -> answer(exchange, 409, "{\"error_code\":\"X\"}", false));
        server.createContext("/close", exchange -> {
            exchange.getResponseHeaders().add("Connection", "close");
            answer(exchange, 200, "bye", false);
        });
        server.createContext("/stall", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "late", false);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void sends_the_body_and_reuses_one_connection_for_answers_with_a_length_or_in_chunks() throws IOException {
        try (HttpConnection connection = connection(Duration.ofSeconds(5))) {
            for (int i = 0; i < 3; i++) {
                assertThat(connection.exchange(post("/length"), utf8("{\"n\":" + i + "}"))).isEqualTo(200);
                assertThat(connection.exchange(post("/chunked"), utf8("é"))).isEqualTo(200);
            }
        }

        assertThat(bodies).containsExactly("{\"n\":0}", "é", "{\"n\":1}", "é", "{\"n\":2}", "é");
        assertThat(clientEnds).hasSize(1);
    }

    @Test
    void answers_any_status_and_stays_usable() throws IOException {
        try (HttpConnection connection = connection(Duration.ofSeconds(5))) {
            assertThat(connection.exchange(post("/conflict"), utf8("{}"))).isEqualTo(409);
            assertThat(connection.exchange(post("/length"), utf8("{}"))).isEqualTo(200);
        }
        assertThat(clientEnds).hasSize(1);
    }

    @Test
    void opens_a_new_connection_after_the_server_said_close() throws IOException {
        try (HttpConnection connection = connection(Duration.ofSeconds(5))) {
            assertThat(connection.exchange(post("/close"), utf8("{}"))).isEqualTo(200);
            assertThat(connection.exchange(post("/length"), utf8("{}"))).isEqualTo(200);
        }
        assertThat(clientEnds).hasSize(2);
    }

    @Test
    void a_silent_server_is_a_timeout_and_the_next_request_gets_a_fresh_connection() throws IOException {
        try (HttpConnection connection = connection(Duration.ofMillis(300))) {
            assertThatThrownBy(() -> connection.exchange(post("/stall"), utf8("{}")))
                    .isInstanceOf(SocketTimeoutException.class).hasMessageContaining("300 ms");
            release.countDown();
            assertThat(connection.exchange(post("/length"), utf8("{}"))).isEqualTo(200);
        }
        assertThat(clientEnds).hasSize(2);
    }

    private HttpConnection connection(Duration timeout) {
        return new HttpConnection(server.getAddress().getPort(), timeout);
    }

    private byte[] post(String path) {
        return HttpConnection.head("POST", path, server.getAddress().getPort(), "Content-Type: application/json\r\n");
    }

    private void answer(HttpExchange exchange, int status, String body, boolean chunked) throws IOException {
        clientEnds.add(exchange.getRemoteAddress());
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] bytes = utf8(body);
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
