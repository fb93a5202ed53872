package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.application.port.in.ConcurrentUpdateException;
import dev.enroll.application.port.in.IdempotencyKeyInUseException;
import dev.enroll.application.port.in.IdempotencyKeyReusedException;
import dev.enroll.application.port.in.InvalidInputException;
import dev.enroll.application.port.in.PreconditionFailedException;
import dev.enroll.application.port.in.UnauthorizedException;
import dev.enroll.application.port.in.UserAlreadyExistsException;
import dev.enroll.application.port.in.UserNotFoundException;
import dev.enroll.application.port.out.StoreUnavailableException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from exceptions to answers for the whole API. Every answer it gives has the
 * same shape, {@code error_code}, {@code error_message} and {@code errors} (the invalid fields,
 * empty unless the request had some), and none carries an exception's class, stack or an
 * internal message: an unexpected failure gets a generic text and an error id, which is logged
 * with the exception so support can find it.
 */
final class ErrorMapping {

    static final String INVALID_PARAMETERS = "ERROR_INVALID_PARAMETERS";
    static final String INVALID_STATE_CODE = "ERROR_INVALID_STATE_CODE";
    static final String UNAUTHORIZED = "ERROR_UNAUTHORIZED";
    static final String NO_PERMISSIONS = "ERROR_NO_PERMISSIONS_TO_RESOURCE";
    static final String USER_NOT_FOUND = "ERROR_USER_NOT_FOUND";
    static final String NOT_FOUND = "ERROR_NOT_FOUND";
    static final String METHOD_NOT_ALLOWED = "ERROR_METHOD_NOT_ALLOWED";
    static final String USER_ALREADY_EXISTS = "ERROR_USER_ALREADY_EXISTS";
    static final String CONCURRENT_UPDATE = "ERROR_CONCURRENT_UPDATE";
    static final String PRECONDITION_FAILED = "ERROR_PRECONDITION_FAILED";
    static final String IDEMPOTENCY_KEY_REUSED = "ERROR_IDEMPOTENCY_KEY_REUSED";
    static final String IDEMPOTENCY_KEY_IN_USE = "ERROR_IDEMPOTENCY_KEY_IN_USE";
    static final String PAYLOAD_TOO_LARGE = "ERROR_PAYLOAD_TOO_LARGE";
    static final String UNSUPPORTED_MEDIA_TYPE = "ERROR_UNSUPPORTED_MEDIA_TYPE";
    static final String SERVICE_UNAVAILABLE = "ERROR_SERVICE_UNAVAILABLE";
    static final String RATE_LIMITED = "ERROR_RATE_LIMITED";
    static final String REQUEST_TIMEOUT = "ERROR_REQUEST_TIMEOUT";
    static final String INTERNAL = "INTERNAL_SERVER_ERROR";
    /** Seconds a client should wait before retrying when the store is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** Seconds a client should wait when the server turned it away for being too busy: load passes quickly. */
    static final int OVERLOAD_RETRY_AFTER_SECONDS = 1;
    /** An error answer lists at most this many problems, so its size has a bound whatever the request held. */
    static final int MAX_LISTED_ERRORS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    /** One error answer: status, code, human text, the invalid fields, and extra headers. */
    record ErrorResponse(int status, String code, String message, List<FieldError> errors,
                         Map<String, String> headers) {

        ErrorResponse {
            errors = errors.size() > MAX_LISTED_ERRORS ? List.copyOf(errors.subList(0, MAX_LISTED_ERRORS))
                    : List.copyOf(errors);
        }

        ErrorResponse(int status, String code, String message) {
            this(status, code, message, List.of(), Map.of());
        }

        ObjectNode body() {
            ObjectNode json = JsonResponse.object();
            json.put("error_code", code);
            json.put("error_message", message);
            ArrayNode list = json.putArray("errors");
            errors.forEach(e -> list.addObject().put("field", e.field()).put("message", e.message()));
            return json;
        }
    }

    private ErrorMapping() {
    }

    /** Answers {@code ctx} for {@code failure}, whatever it is. */
    static void respond(Exception failure, Context ctx) {
        ErrorResponse response = map(failure, domainField -> WireFields.of(ctx, domainField));
        response.headers().forEach(ctx::header);
        JsonResponse.send(ctx, response.status(), body(response, failure));
    }

    /** The JSON body of {@code response}; a 500 gets an error id, logged with {@code failure} when known. */
    static ObjectNode body(ErrorResponse response, Throwable failure) {
        ObjectNode body = response.body();
        String errorId = logIfUnexpected(response, failure);
        if (errorId != null) {
            body.put("error_id", errorId);
        }
        return body;
    }

    /** For a 500, logs {@code failure} under a new error id and answers it; otherwise null. */
    static String logIfUnexpected(ErrorResponse response, Throwable failure) {
        if (response.status() != 500) {
            return null;
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("Unexpected failure, error id {}", errorId, failure);
        return errorId;
    }

    /**
     * The answer to {@code failure}; {@code wireName} spells the domain's field names as the
     * request did. A store that cannot be reached is logged here, as the answer is given.
     */
    static ErrorResponse map(Exception failure, UnaryOperator<String> wireName) {
        if (failure instanceof StoreUnavailableException e) {
            LOG.warn("Store unavailable, answering 503: {}", e.getMessage());
        }
        return answer(failure, wireName);
    }

    /** The answer {@link #map} gives, and nothing else: what the metrics count refusals by. */
    static ErrorResponse answer(Exception failure, UnaryOperator<String> wireName) {
        if (failure instanceof MalformedRequestException e) {
            return new ErrorResponse(400, INVALID_PARAMETERS, "Invalid parameters: " + describe(e.errors()),
                    e.errors(), Map.of());
        }
        if (failure instanceof InvalidInputException e) {
            List<FieldError> errors = e.violations().stream()
                    .map(v -> new FieldError(wireName.apply(v.field()), v.reason())).toList();
            // The state code has a code of its own only when it is the sole problem; otherwise
            // every problem is listed under one code, so a single answer shows all the mistakes.
            if (e.onlyInvalidStateCode()) {
                return new ErrorResponse(400, INVALID_STATE_CODE, "Invalid state code: " + describe(errors),
                        errors, Map.of());
            }
            return new ErrorResponse(400, INVALID_PARAMETERS, "Invalid parameters: " + describe(errors), errors,
                    Map.of());
        }
        if (failure instanceof UnauthorizedException) {
            return new ErrorResponse(401, UNAUTHORIZED, "Missing, invalid or expired credentials", List.of(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"enroll\""));
        }
        if (failure instanceof NoPermissionException e) {
            return new ErrorResponse(403, NO_PERMISSIONS, e.getMessage());
        }
        if (failure instanceof UserNotFoundException e) {
            return new ErrorResponse(404, USER_NOT_FOUND, e.getMessage());
        }
        if (failure instanceof UserAlreadyExistsException e) {
            return new ErrorResponse(409, USER_ALREADY_EXISTS, e.getMessage());
        }
        if (failure instanceof ConcurrentUpdateException e) {
            return new ErrorResponse(409, CONCURRENT_UPDATE, e.getMessage());
        }
        if (failure instanceof IdempotencyKeyInUseException e) {
            return new ErrorResponse(409, IDEMPOTENCY_KEY_IN_USE, e.getMessage());
        }
        if (failure instanceof IdempotencyKeyReusedException e) {
            return new ErrorResponse(422, IDEMPOTENCY_KEY_REUSED, e.getMessage());
        }
        if (failure instanceof PreconditionFailedException e) {
            return new ErrorResponse(412, PRECONDITION_FAILED, e.getMessage());
        }
        if (failure instanceof PayloadTooLargeException e) {
            return new ErrorResponse(413, PAYLOAD_TOO_LARGE, e.getMessage());
        }
        if (failure instanceof UnsupportedMediaTypeException e) {
            return new ErrorResponse(415, UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        }
        if (failure instanceof StoreUnavailableException) {
            return forStatus(503, Map.of());
        }
        if (failure instanceof OverloadedException e) {
            return new ErrorResponse(503, SERVICE_UNAVAILABLE, e.getMessage(), List.of(),
                    Map.of("Retry-After", String.valueOf(OVERLOAD_RETRY_AFTER_SECONDS)));
        }
        if (failure instanceof RateLimitedException e) {
            return new ErrorResponse(429, RATE_LIMITED, e.getMessage(), List.of(),
                    Map.of("Retry-After", String.valueOf(e.retryAfterSeconds())));
        }
        if (failure instanceof HttpResponseException e) {
            return forStatus(e.getStatus(), e.getDetails());
        }
        return forStatus(500, Map.of());
    }

    /**
     * The answer for a bare status, from the framework or the server (unknown path, wrong
     * method, unparsable request line); its texts are ours, never the framework's.
     */
    static ErrorResponse forStatus(int status, Map<String, String> details) {
        return switch (status) {
            case 400 -> new ErrorResponse(400, INVALID_PARAMETERS, "The request could not be understood");
            case 401 -> map(new UnauthorizedException(), UnaryOperator.identity());
            case 404 -> new ErrorResponse(404, NOT_FOUND, "No such resource");
            case 408 -> new ErrorResponse(408, REQUEST_TIMEOUT, "The request did not arrive in time");
            case 405 -> new ErrorResponse(405, METHOD_NOT_ALLOWED, "The method is not allowed on this resource",
                    List.of(), allowHeader(details));
            case 413 -> new ErrorResponse(413, PAYLOAD_TOO_LARGE, "The request is too large");
            case 414 -> new ErrorResponse(414, "ERROR_URI_TOO_LONG", "The request URI is too long");
            case 415 -> new ErrorResponse(415, UNSUPPORTED_MEDIA_TYPE, new UnsupportedMediaTypeException().getMessage());
            case 431 -> new ErrorResponse(431, "ERROR_HEADERS_TOO_LARGE", "The request headers are too large");
            case 505 -> new ErrorResponse(505, "ERROR_HTTP_VERSION_NOT_SUPPORTED", "Only HTTP/1.1 is supported");
            case 503 -> new ErrorResponse(503, SERVICE_UNAVAILABLE, "The service is unavailable for a moment; retry later",
                    List.of(), Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
            default -> status >= 400 && status < 500
                    ? new ErrorResponse(status, "ERROR_BAD_REQUEST", "The request could not be served")
                    : new ErrorResponse(500, INTERNAL, "An internal error occurred");
        };
    }

    private static Map<String, String> allowHeader(Map<String, String> details) {
        String methods = details == null ? null : details.get("availableMethods");
        return methods == null || methods.isBlank() ? Map.of() : Map.of("Allow", methods);
    }

    /**
     * The problems in words. Unknown fields are only counted: their names are the client's own
     * text, quoted once, in {@code errors}. At most {@link #MAX_LISTED_ERRORS} problems.
     */
    private static String describe(List<FieldError> errors) {
        List<FieldError> listed = errors.size() > MAX_LISTED_ERRORS ? errors.subList(0, MAX_LISTED_ERRORS) : errors;
        List<String> parts = new ArrayList<>();
        listed.stream().filter(e -> !e.isUnknownField()).map(e -> e.field() + " " + e.message()).forEach(parts::add);
        long unknown = listed.stream().filter(FieldError::isUnknownField).count();
        if (unknown > 0) {
            parts.add(unknown + (unknown == 1 ? " unknown field" : " unknown fields") + " (named in errors)");
        }
        if (errors.size() > listed.size()) {
            parts.add((errors.size() - listed.size()) + " more problems not listed");
        }
        return String.join("; ", parts);
    }
}
