package dev.enroll.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One {@code POST /api/users/import} of synthetic users, over a raw socket: a thread writes the
 * NDJSON body (chunked, generated as it goes, never held whole) while this one reads the answer's
 * lines as they come, as a real client must (an HTTP/1.1 client that reads only after sending
 * would stall the server once the sockets' buffers are full).
 */
final class ImportUpload {

    /** What the answer said: row lines seen, of them rejected, and the summary line. */
    record Answer(long rowLines, long rejected, String summary, long nanos) {
    }

    private static final int CHUNK_BYTES = 64 * 1024;

    private ImportUpload() {
    }

    static Answer run(int port, String authorization, String runTag, long firstSerial, long rows)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), CHUNK_BYTES + 16);
            out.write(("POST /api/users/import HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: "
                    + authorization + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> send(out, runTag, firstSerial, rows));
            Answer answer = read(new BufferedInputStream(socket.getInputStream(), CHUNK_BYTES), start);
            join(upload);
            return answer;
        }
    }

    private static void send(OutputStream out, String runTag, long firstSerial, long rows) {
        try {
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK_BYTES + 1024);
            for (long serial = firstSerial; serial < firstSerial + rows; serial++) {
                chunk.write(SyntheticUser.of(runTag, serial).json().getBytes(StandardCharsets.US_ASCII));
                chunk.write('\n');
                if (chunk.size() >= CHUNK_BYTES) {
                    writeChunk(out, chunk);
                }
            }
            writeChunk(out, chunk);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the upload failed: " + e.getMessage(), e);
        }
    }

    private static void writeChunk(OutputStream out, ByteArrayOutputStream chunk) throws IOException {
        if (chunk.size() == 0) {
            return;
        }
        out.write((Integer.toHexString(chunk.size()) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunk.writeTo(out);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        chunk.reset();
    }

    /** Reads the chunked answer to its end, counting lines; only the summary line is kept. */
    private static Answer read(InputStream in, long start) throws IOException {
        String status = headerLine(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("the import answered " + status);
        }
        while (!headerLine(in).isEmpty()) {
            // headers: the answer is chunked, as a streamed one must be
        }
        long lines = 0;
        long rejected = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        String last = "";
        for (int size = Integer.parseInt(headerLine(in).strip(), 16); size > 0;
             size = Integer.parseInt(headerLine(in).strip(), 16)) {
            for (int i = 0; i < size; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("the answer broke off after " + lines + " lines");
                }
                if (b == '\n') {
                    last = line.toString(StandardCharsets.UTF_8);
                    lines++;
                    if (last.contains("\"status\":\"rejected\"")) {
                        rejected++;
                    }
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            headerLine(in);
        }
        long nanos = System.nanoTime() - start;
        if (!last.startsWith("{\"summary\"")) {
            throw new IllegalStateException("the import ended without a summary: " + last);
        }
        return new Answer(lines - 1, rejected, last, nanos);
    }

    private static String headerLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IllegalStateException("the connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void join(CompletableFuture<Void> upload) throws InterruptedException {
        try {
            upload.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
