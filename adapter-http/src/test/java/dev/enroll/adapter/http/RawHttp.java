package dev.enroll.adapter.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Requests no well-behaved client would send, written to a socket as they are, and the HTTP/1.1
 * answer read back and judged by {@link OpenApiContract}, like every answer {@link TestApi}
 * receives. The answer is read byte by byte up to its body and then exactly as long as its framing
 * says, so a connection kept alive is left at the start of the next answer.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** An answer: its status, its headers, and its body as sent (chunks joined). */
    record Answer(int status, HttpHeaders headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + text();
        }
    }

    /** Sends {@code request} on a connection of its own; the answer is judged as one to its request line. */
    static Answer send(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            return exchange(socket, request);
        }
    }

    /**
     * Sends a request the server cannot parse (its request line, URI, version or headers) on a
     * connection of its own. No route sees it, so its answer is judged as the document's answer to
     * any such request.
     */
    static Answer sendUnparsable(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            write(socket, request);
            Answer answer = read(socket.getInputStream());
            judged(answer, () -> OpenApiContract.document().checkUnrouted(answer.status(), answer.headers(),
                    answer.body()));
            return answer;
        }
    }

    /** Sends {@code request} on {@code socket}, which may stay open, and reads its answer, judged. */
    static Answer exchange(Socket socket, String request) throws IOException {
        write(socket, request);
        return answerTo(socket, request);
    }

    /**
     * The same, while the server stops: its route answers, or, once Jetty's graceful stop has
     * begun, the server does before any route, as the document says it answers any request then.
     * Empty when the server closed the connection instead of answering: a stopping server closes
     * the keep-alive connections it finds idle, and a request sent at that moment meets the close,
     * not an answer (RFC 9112, 9.6: a client retries it on a new connection).
     */
    static Optional<Answer> exchangeWhileStoppingUnlessClosed(Socket socket, String request) throws IOException {
        PushbackInputStream in = new PushbackInputStream(socket.getInputStream(), 1);
        int first;
        try {
            write(socket, request);
            first = in.read();
        } catch (SocketException closed) {
            return Optional.empty();
        }
        if (first < 0) {
            return Optional.empty();
        }
        in.unread(first);
        Answer answer = read(in);
        judged(answer, () -> {
            try {
                judge(request, answer);
            } catch (AssertionError notTheRoutes) {
                try {
                    OpenApiContract.document().checkUnrouted(answer.status(), answer.headers(), answer.body());
                } catch (AssertionError notTheServers) {
                    notTheServers.addSuppressed(notTheRoutes);
                    throw notTheServers;
                }
            }
        });
        return Optional.of(answer);
    }

    /** Reads the answer to {@code request}, sent on {@code socket} already (in whole or in part), judged. */
    static Answer answerTo(Socket socket, String request) throws IOException {
        Answer answer = request.startsWith("HEAD ") ? readHead(socket.getInputStream()) : read(socket.getInputStream());
        judged(answer, () -> judge(request, answer));
        return answer;
    }

    /**
     * Reads the head of the answer to {@code request}, sent on {@code socket} already, and then its
     * chunked body a line at a time, as the lines arrive: for a stream the test stops reading.
     */
    static Lines linesOf(Socket socket, String request) throws IOException {
        InputStream in = socket.getInputStream();
        int status = status(crlfLine(in));
        return new Lines(request, in, status, headers(in));
    }

    /** The lines of a chunked answer, as they arrive; {@link #judge} judges what arrived so far. */
    static final class Lines {

        private final String request;
        private final InputStream in;
        private final int status;
        private final HttpHeaders headers;
        private final ByteArrayOutputStream returned = new ByteArrayOutputStream();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final List<String> lines = new ArrayList<>();

        private Lines(String request, InputStream in, int status, HttpHeaders headers) {
            this.request = request;
            this.in = in;
            this.status = status;
            this.headers = headers;
            if (!headers.firstValue("Transfer-Encoding").map("chunked"::equalsIgnoreCase).orElse(false)) {
                throw new AssertionError("not a chunked answer: " + status + " " + headers.map());
            }
        }

        int status() {
            return status;
        }

        String nextLine() throws IOException {
            while (lines.isEmpty()) {
                byte[] chunk = chunk(in);
                if (chunk == null) {
                    throw new AssertionError("the answer ended");
                }
                for (byte b : chunk) {
                    if (b == '\n') {
                        lines.add(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    } else {
                        pending.write(b);
                    }
                }
            }
            String line = lines.remove(0);
            returned.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            return line;
        }

        /** Judges the status, the headers and the lines returned so far. */
        void judge() {
            Answer soFar = new Answer(status, headers, returned.toByteArray());
            judged(soFar, () -> RawHttp.judge(request, soFar));
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void write(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Runs a judgement of {@code answer}; a failure shows the answer. */
    private static void judged(Answer answer, Runnable judgement) {
        try {
            judgement.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nThe answer: " + answer, e);
        }
    }

    /** Judges {@code answer} as one to {@code request}'s method and path, with its content type and JSON body. */
    private static void judge(String request, Answer answer) {
        int headEnd = request.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? request : request.substring(0, headEnd);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String path = requestLine[1].split("\\?", 2)[0];
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        String sent = headEnd < 0 ? "" : request.substring(headEnd + 4);
        // The request body is judged only when this request holds all of it.
        String requestBody = Integer.toString(sent.length()).equals(fields.get("content-length")) ? sent : null;
        OpenApiContract.document().check(requestLine[0], URI.create("http://localhost" + path),
                fields.getOrDefault("content-type", "application/json"), requestBody, answer.status(),
                answer.headers(), answer.body());
    }

    /** One answer off {@code in}, its body as long as its framing says (or up to the connection's end). */
    private static Answer read(InputStream in) throws IOException {
        int status = status(crlfLine(in));
        HttpHeaders headers = headers(in);
        byte[] body;
        if (headers.firstValue("Transfer-Encoding").map("chunked"::equalsIgnoreCase).orElse(false)) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (byte[] chunk = chunk(in); chunk != null; chunk = chunk(in)) {
                chunks.writeBytes(chunk);
            }
            body = chunks.toByteArray();
        } else if (headers.firstValue("Content-Length").isPresent()) {
            int length = Integer.parseInt(headers.firstValue("Content-Length").get());
            body = in.readNBytes(length);
            if (body.length < length) {
                throw new AssertionError("the connection closed " + (length - body.length) + " bytes short");
            }
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, body);
    }

    /**
     * The answer to a HEAD, sent with {@code Connection: close}: its headers, and as its body
     * whatever bytes come before the connection closes, which must be none whatever the framing says.
     */
    private static Answer readHead(InputStream in) throws IOException {
        int status = status(crlfLine(in));
        HttpHeaders headers = headers(in);
        return new Answer(status, headers, in.readAllBytes());
    }

    private static int status(String statusLine) {
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP/1.1 answer: " + statusLine);
        }
        return Integer.parseInt(statusLine.substring(9, 12));
    }

    private static HttpHeaders headers(InputStream in) throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String line = crlfLine(in); !line.isEmpty(); line = crlfLine(in)) {
            int colon = line.indexOf(':');
            fields.computeIfAbsent(line.substring(0, colon).strip(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return HttpHeaders.of(fields, (name, value) -> true);
    }

    /** The next chunk of a chunked body, or null after the last. */
    private static byte[] chunk(InputStream in) throws IOException {
        int size = Integer.parseInt(crlfLine(in).split(";", 2)[0].strip(), 16);
        if (size == 0) {
            // Trailers, if any, up to the empty line that ends the answer.
            while (!crlfLine(in).isEmpty()) {
                continue;
            }
            return null;
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size || !crlfLine(in).isEmpty()) {
            throw new AssertionError("a chunk was cut short");
        }
        return chunk;
    }

    private static String crlfLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new AssertionError("the connection closed before the answer ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
