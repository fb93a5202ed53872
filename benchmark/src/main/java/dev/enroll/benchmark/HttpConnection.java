package dev.enroll.benchmark;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP/1.1 keep-alive connection to a server on this machine, used by one client thread at a
 * time: write a request, read the status, skip the body. This is all the load needs, and it costs
 * a fraction of {@code java.net.http}'s CPU per request, which on a machine the driver shares with
 * the server and the database is CPU taken from them (docs/benchmark.md has the numbers).
 *
 * <p>The connection opens on first use and again after the server closed it or a request failed;
 * a request that fails is not retried (a create may have happened), it is the caller's error.
 * Bodies may come with a {@code Content-Length} or chunked; anything else is a protocol error.
 */
final class HttpConnection implements AutoCloseable {

    private static final int MAX_LINE = 8192;

    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Bytes read from the socket and not consumed yet: {@code buffer[position..limit)}. */
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private final StringBuilder line = new StringBuilder(128);

    HttpConnection(int port, Duration timeout) {
        this.port = port;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /**
     * The head of a request up to, not including, its {@code Content-Length}: the request line,
     * {@code Host} and {@code extraHeaders} (each ending in CRLF). Build it once per kind of request.
     */
    static byte[] head(String method, String target, int port, String extraHeaders) {
        return (method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + extraHeaders)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code head} (from {@link #head}) and {@code body}, reads the whole answer and returns its status. */
    int exchange(byte[] head, byte[] body) throws IOException {
        connectIfClosed();
        try {
            byte[] length = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[head.length + length.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(body, 0, request, head.length + length.length, body.length);
            out.write(request);
            out.flush();
            return readAnswer();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is all that is left to do with it.
            }
            socket = null;
        }
    }

    private void connectIfClosed() throws IOException {
        if (socket != null) {
            return;
        }
        Socket opened = new Socket();
        try {
            opened.setTcpNoDelay(true);
            opened.setSoTimeout(timeoutMillis);
            opened.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            in = opened.getInputStream();
            out = opened.getOutputStream();
            position = 0;
            limit = 0;
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        socket = opened;
    }

    private int readAnswer() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line");
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            skipChunks();
        } else if (contentLength >= 0) {
            skip(contentLength);
        } else {
            throw new IOException("an answer without Content-Length or chunked encoding");
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private void skipChunks() throws IOException {
        while (true) {
            String sizeLine = readLine();
            int extension = sizeLine.indexOf(';');
            long size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                // Trailers, if any, then the empty line that ends the body.
                while (!readLine().isEmpty()) {
                    // skip the trailer
                }
                return;
            }
            skip(size);
            if (!readLine().isEmpty()) {
                throw new IOException("a chunk longer than its size");
            }
        }
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int skipped = (int) Math.min(left, limit - position);
            position += skipped;
            left -= skipped;
        }
    }

    /** Reads what the socket has into the empty buffer; at least one byte, or an exception. */
    private void fill() throws IOException {
        int read;
        try {
            read = in.read(buffer, 0, buffer.length);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no answer within " + timeoutMillis + " ms");
        }
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
        position = 0;
        limit = read;
    }

    /** One line without its CRLF, as ISO-8859-1; headers are ASCII. */
    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (position == limit) {
                fill();
            }
            int b = buffer[position++] & 0xFF;
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }
}
