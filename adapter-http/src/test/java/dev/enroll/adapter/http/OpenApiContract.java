package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi31;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * The OpenAPI document as the judge of every exchange the HTTP tests make ({@link TestApi} hands
 * each one here): the answer's status must be listed for the request's path and method, its
 * required headers present and every documented header valid, its content type listed and its
 * body valid against the schema (networknt's validator, OpenAPI 3.1 dialect, so JSON Schema
 * 2020-12; an NDJSON answer line by line). A JSON request body the server accepted (2xx) must be
 * valid against the operation's request schema: the tests' valid bodies are valid by the
 * document; a body of another type must be of a type the operation lists. A path the document does
 * not have must be answered with its {@code NotFound} response, a method a path does not list
 * with {@code MethodNotAllowed}, and an answer given before any route ({@link RawHttp} knows when)
 * with the document's answer to any request for its status. Anything else fails the test with
 * what did not match.
 */
final class OpenApiContract {

    /** The base the document's own references resolve against; never fetched. */
    private static final String BASE = "https://enroll.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String NDJSON_TYPE = "application/x-ndjson";
    /** The document's answers to a request no route sees, by status (its description lists them). */
    private static final Map<Integer, String> UNROUTED = new TreeMap<>(Map.of(400, "UnparsableRequest",
            414, "UriTooLong", 431, "HeadersTooLarge", 503, "Stopping", 505, "HttpVersionNotSupported"));
    private static final OpenApiContract DOCUMENT = load();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<PathTemplate> paths;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        this.registry = SchemaRegistry.withDefaultDialect(OpenApi31.getInstance(),
                builder -> builder.schemas(Map.of(BASE, document.toString())));
        List<PathTemplate> templates = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(path -> templates.add(PathTemplate.of(path)));
        // A literal segment beats a parameter: /api/users/with-policy is not /api/users/{userId}.
        templates.sort(Comparator.comparingInt(PathTemplate::parameters));
        this.paths = List.copyOf(templates);
    }

    /** The document the service serves. */
    static OpenApiContract document() {
        return DOCUMENT;
    }

    private static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(ApiDocument.RESOURCE)) {
            return new OpenApiContract(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks one exchange; the body is the answer's as received (text, or bytes when asked for). */
    void check(HttpRequest request, HttpResponse<?> response) {
        byte[] body = response.body() instanceof byte[] bytes ? bytes
                : response.body() == null ? new byte[0] : response.body().toString().getBytes(StandardCharsets.UTF_8);
        // Read again only when it is judged (a 2xx): some publishers can be read only once.
        String requestBody = response.statusCode() / 100 == 2 ? requestBody(request).orElse(null) : null;
        check(request.method(), request.uri(), request.headers().firstValue("Content-Type").orElse(JSON_TYPE),
                requestBody, response.statusCode(), response.headers(), body);
    }

    /** Checks one exchange given as plain values, a JSON request body if any; throws {@link AssertionError} on any mismatch. */
    void check(String method, URI uri, String requestBody, int status, HttpHeaders headers, byte[] body) {
        check(method, uri, JSON_TYPE, requestBody, status, headers, body);
    }

    /** Checks one exchange given as plain values, the request body of {@code requestType}. */
    void check(String method, URI uri, String requestType, String requestBody, int status, HttpHeaders headers,
               byte[] body) {
        String path = uri.getPath().length() > 1 && uri.getPath().endsWith("/")
                ? uri.getPath().substring(0, uri.getPath().length() - 1) : uri.getPath();
        String exchange = method + " " + path + " -> " + status;
        if (method.equals("HEAD")) {
            // RFC 9110, 9.3.2: the GET's answer, headers and all, without its body. The document lists the GETs.
            if (body.length > 0) {
                throw new AssertionError(exchange + ": an answer to HEAD has no body, but one came: " + text(body));
            }
            check("GET", uri, requestType, requestBody, status, headers, null);
            return;
        }
        List<PathTemplate> matching = paths.stream().filter(t -> t.matches(path)).toList();
        // OpenAPI matches a path written out in full before any templated one: then it alone serves.
        List<PathTemplate> templates = matching.stream().anyMatch(t -> t.parameters() == 0)
                ? matching.stream().filter(t -> t.parameters() == 0).toList() : matching;
        if (templates.isEmpty()) {
            expectComponent(exchange, 404, "NotFound", status, headers, body);
            return;
        }
        // Like the router: the first path that matches and has the method serves the request.
        String verb = method.toLowerCase(Locale.ROOT);
        Optional<String> operationPointer = templates.stream()
                .map(t -> "/paths/" + escape(t.template()) + "/" + verb)
                .filter(pointer -> !document.at(pointer).isMissingNode()).findFirst();
        if (operationPointer.isEmpty()) {
            expectComponent(exchange, 405, "MethodNotAllowed", status, headers, body);
            return;
        }
        check(exchange, operationPointer.get(), requestType, requestBody, status, headers, body);
    }

    /**
     * Checks an answer the server gave before any route saw the request: to a request it cannot
     * parse (request line, URI, version, headers), or to any request once it is stopping. No
     * operation judges it: it must be the document's answer to any request for its status.
     */
    void checkUnrouted(int status, HttpHeaders headers, byte[] body) {
        String exchange = "a request no route saw -> " + status;
        String component = UNROUTED.get(status);
        if (component == null) {
            throw new AssertionError(exchange + ": the document answers such a request only with " + UNROUTED.keySet()
                    + "; body: " + text(body));
        }
        checkResponse(exchange, "/components/responses/" + component, headers, body);
    }

    private void check(String exchange, String operationPointer, String requestType, String requestBody, int status,
                       HttpHeaders headers, byte[] body) {
        JsonNode operation = document.at(operationPointer);
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new AssertionError(exchange + ": the document lists no " + status + " for this operation; body: "
                    + text(body));
        }
        checkResponse(exchange, operationPointer + "/responses/" + status, headers, body);
        if (status / 100 == 2 && requestBody != null) {
            checkRequestBody(exchange, operationPointer, mediaType(requestType), requestBody);
        }
    }

    private void expectComponent(String exchange, int expected, String component, int status, HttpHeaders headers,
                                 byte[] body) {
        if (status != expected) {
            throw new AssertionError(exchange + ": the document has no such operation, so the answer must be "
                    + expected + " (" + component + "); body: " + text(body));
        }
        checkResponse(exchange, "/components/responses/" + component, headers, body);
    }

    private void checkResponse(String exchange, String pointer, HttpHeaders headers, byte[] body) {
        String resolved = resolve(pointer);
        JsonNode response = document.at(resolved);
        response.path("headers").fields().forEachRemaining(entry -> {
            String headerPointer = resolve(resolved + "/headers/" + escape(entry.getKey()));
            JsonNode header = document.at(headerPointer);
            Optional<String> value = headers.firstValue(entry.getKey());
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    throw new AssertionError(exchange + ": required header " + entry.getKey() + " is missing");
                }
                return;
            }
            expectValid(exchange + ", header " + entry.getKey(), headerPointer + "/schema", TextNode.valueOf(value.get()));
        });
        if (body == null) {
            return; // HEAD: the headers are the GET's, and there is no body to judge
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body.length > 0) {
                throw new AssertionError(exchange + ": the document lists no body, but one came: " + text(body));
            }
            return;
        }
        String contentType = headers.firstValue("Content-Type").orElse("");
        String mediaType = mediaType(contentType);
        if (!content.has(mediaType)) {
            throw new AssertionError(exchange + ": content type '" + contentType + "' is not one the document lists: "
                    + iterable(content.fieldNames()));
        }
        if (mediaType.equals("application/json")) {
            expectValid(exchange + ", body", resolved + "/content/" + escape(mediaType) + "/schema",
                    parse(exchange, decoded(headers, body)));
        } else if (mediaType.equals(NDJSON_TYPE)) {
            // A stream of JSON values, one a line: the schema is each line's.
            String schema = resolved + "/content/" + escape(mediaType) + "/schema";
            for (String line : text(decoded(headers, body)).split("\n")) {
                if (!line.isBlank()) {
                    expectValid(exchange + ", body line", schema, parse(exchange, line.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
    }

    /**
     * A JSON request body (application/json, or a +json type such as a PATCH's merge patch) must
     * match its schema. A body of another type (an import's NDJSON or
     * CSV) must be of a type the document lists; its rows are judged by the server, row by row.
     */
    private void checkRequestBody(String exchange, String operationPointer, String mediaType,
                                  String requestBody) {
        JsonNode content = resolvedNode(operationPointer + "/requestBody").path("content");
        if (!content.has(mediaType)) {
            throw new AssertionError(exchange + ": a body of type '" + mediaType
                    + "' was accepted where the document lists " + iterable(content.fieldNames()));
        }
        if (!mediaType.equals(JSON_TYPE) && !mediaType.endsWith("+json")) {
            return;
        }
        expectValid(exchange + ", request body", resolve(operationPointer + "/requestBody")
                + "/content/" + escape(mediaType) + "/schema",
                parse(exchange, requestBody.getBytes(StandardCharsets.UTF_8)));
    }

    private void expectValid(String what, String schemaPointer, JsonNode value) {
        Schema schema = schemas.computeIfAbsent(schemaPointer,
                pointer -> registry.getSchema(SchemaLocation.of(BASE + "#" + fragment(pointer))));
        List<Error> errors = schema.validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + " does not match the document (" + schemaPointer + "): " + errors
                    + "\n" + value);
        }
    }

    private JsonNode resolvedNode(String pointer) {
        return document.at(resolve(pointer));
    }

    private static String mediaType(String contentType) {
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** Follows a {@code $ref} at {@code pointer}, if there is one, to where it points. */
    private String resolve(String pointer) {
        JsonNode node = document.at(pointer);
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return pointer;
        }
        if (!ref.startsWith("#")) {
            throw new AssertionError("only references within the document are supported: " + ref);
        }
        return resolve(ref.substring(1));
    }

    private static JsonNode parse(String exchange, byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(exchange + ": not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    private static byte[] decoded(HttpHeaders headers, byte[] body) {
        if (!headers.firstValue("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false)) {
            return body;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request's body as sent, read again from its publisher (the JDK's publishers may be read twice). */
    private static Optional<String> requestBody(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty() || publisher.get().contentLength() == 0) {
            return Optional.empty();
        }
        CompletableFuture<String> text = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable failure) {
                text.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                text.complete(bytes.toString(StandardCharsets.UTF_8));
            }
        });
        try {
            return Optional.of(text.get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("the request body could not be read again", e);
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer as a URI fragment: the braces of path templates are not allowed there as they are. */
    private static String fragment(String pointer) {
        return pointer.replace("{", "%7B").replace("}", "%7D");
    }

    private static String text(byte[] body) {
        return body == null ? "(none: HEAD)" : new String(body, StandardCharsets.UTF_8);
    }

    private static List<String> iterable(Iterator<String> names) {
        Iterable<String> iterable = () -> names;
        return StreamSupport.stream(iterable.spliterator(), false).toList();
    }

    /** A path of the document, such as {@code /api/users/{userId}}, and the request paths it covers. */
    private record PathTemplate(String template, Pattern pattern, int parameters) {

        static PathTemplate of(String template) {
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (String segment : template.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    regex.append("[^/]+");
                    parameters++;
                } else {
                    regex.append(Pattern.quote(segment));
                }
            }
            return new PathTemplate(template, Pattern.compile(regex.toString()), parameters);
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches();
        }
    }
}
