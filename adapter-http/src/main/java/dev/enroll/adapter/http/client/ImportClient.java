package dev.enroll.adapter.http.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.ContentResponse;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.util.InputStreamRequestContent;
import org.eclipse.jetty.client.util.InputStreamResponseListener;
import org.eclipse.jetty.client.util.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * A client of {@code POST /api/users/import}, for the command line: it sends a file and reads
 * the answer's lines at the same time, as the server writes them. (The JDK's HttpClient reads an
 * HTTP/1.1 answer only once the whole request is sent; for an import that does not fit in the
 * sockets' buffers, server and client would wait for each other.)
 */
public final class ImportClient implements AutoCloseable {

    /** How a file's rows are written. */
    public enum Format {
        CSV("text/csv; charset=utf-8"), NDJSON("application/x-ndjson; charset=utf-8");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    /** What the caller hears of each row's answer: the line as sent, and its status. */
    @FunctionalInterface
    public interface RowListener {
        void row(String line, String status);
    }

    /** The server's summary line. */
    public record Summary(long rows, long created, long existing, long rejected, double seconds) {
    }

    /** The server's summary, or, for an import that stopped, the reason its error line gave (then {@code summary} is null). */
    public record Outcome(Summary summary, String error) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The answer's first line waits for the first chunk to be committed; a minute is ample. */
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final long IDLE_TIMEOUT_MILLIS = 120_000;

    private final URI base;
    private final HttpClient http = new HttpClient();

    public ImportClient(URI base) {
        this.base = base;
        http.setConnectTimeout(10_000);
        http.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client did not start", e);
        }
    }

    /** An admin token for the partner; {@link ImportClientException} with the server's reason when refused. */
    public String token(String partnerId, String clientId, String clientSecret) throws IOException {
        ObjectNode body = MAPPER.createObjectNode().put("partnerId", partnerId).put("clientId", clientId)
                .put("clientSecret", clientSecret);
        ContentResponse response = await(() -> http.newRequest(base.resolve("/api/auth/token"))
                .method(HttpMethod.POST)
                .body(new StringRequestContent("application/json", body.toString(), StandardCharsets.UTF_8))
                .timeout(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .send());
        if (response.getStatus() != 200) {
            throw refusal(response.getStatus(), response.getContentAsString());
        }
        return MAPPER.readTree(response.getContentAsString()).path("access_token").asText();
    }

    /**
     * Streams {@code file} to the import and hands every row's answer to {@code rows} as it
     * arrives; answers the summary, or the error line of an import that stopped.
     */
    public Outcome importFile(String token, InputStream file, Format format, String query, RowListener rows)
            throws IOException {
        InputStreamResponseListener answer = new InputStreamResponseListener();
        Request request = http.newRequest(base.resolve("/api/users/import" + query))
                .method(HttpMethod.POST)
                .headers(headers -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + token))
                .body(new InputStreamRequestContent(format.mediaType, file));
        // Sending reads the file on the sending thread, which may block on it: not this one, which reads the answer.
        Thread sender = new Thread(() -> request.send(answer), "import-upload");
        sender.setDaemon(true);
        sender.start();
        Response response = await(() -> answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        if (response.getStatus() != 200) {
            try (InputStream body = answer.getInputStream()) {
                throw refusal(response.getStatus(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode json = MAPPER.readTree(line);
                if (json.has("summary")) {
                    JsonNode summary = json.get("summary");
                    return new Outcome(new Summary(summary.path("rows").asLong(), summary.path("created").asLong(),
                            summary.path("existing").asLong(), summary.path("rejected").asLong(),
                            summary.path("seconds").asDouble()), null);
                }
                if (json.has("error")) {
                    return new Outcome(null, json.get("error").path("error_message").asText());
                }
                rows.row(line, json.path("status").asText());
            }
        }
        throw new IOException("the answer ended without a summary: the import did not finish");
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP client did not stop", e);
        }
    }

    private static ImportClientException refusal(int status, String body) {
        String reason;
        try {
            reason = MAPPER.readTree(body).path("error_message").asText("");
        } catch (IOException e) {
            reason = "";
        }
        return new ImportClientException("the server answered " + status + (reason.isEmpty() ? "" : ": " + reason));
    }

    @FunctionalInterface
    private interface Exchange<T> {
        T run() throws InterruptedException, TimeoutException, ExecutionException;
    }

    private static <T> T await(Exchange<T> exchange) throws IOException {
        try {
            return exchange.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IOException("the server did not answer in time", e);
        } catch (ExecutionException e) {
            throw new IOException("the request failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
