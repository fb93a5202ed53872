package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.enroll.application.port.in.IdempotentRequests;
import dev.enroll.application.port.out.RecordedAnswer;
import dev.enroll.domain.InvalidValueException;
import dev.enroll.domain.user.UserId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys on every write of the user API but the import, whose body streams
 * ({@link StreamedBodies}: a key there is 400), in this one place: a step before the routes
 * claims the request's {@code Idempotency-Key} (or answers at once with the answer kept for it,
 * marked {@code Idempotent-Replayed: true}), and a step after them keeps the answer. Routes know
 * nothing of it, so a write route added later is covered too.
 *
 * <p>The claim is a {@code beforeMatched} step registered after authentication's and the rate
 * limit's ({@link HttpApi}), so it sees the caller: keys are the partner's, and a caller that is
 * refused (401, 403, 429) is never handed a kept answer. A replay ends the request by an
 * exception this class answers, so the server's own after steps (admission) still run.
 *
 * <p>A request is identified by its method, its path as the route reads it ({@link #resource}),
 * its query as sent and its body compared as JSON (key order and spacing do not matter), hashed.
 * A kept answer names the user it is about, so that erasing the user forgets it
 * ({@code DeleteUserService}).
 */
final class IdempotencyStep {

    static final String HEADER = IdempotentRequests.FIELD;
    static final String REPLAYED = "Idempotent-Replayed";
    private static final String TICKET = "enroll.idempotency.ticket";
    private static final Set<HandlerType> WRITES = EnumSet.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStep.class);

    private final IdempotentRequests requests;

    IdempotencyStep(IdempotentRequests requests) {
        this.requests = requests;
    }

    /** A kept answer, given again: thrown by the claim step to skip the route, answered by {@link #replay}. */
    static final class Replayed extends RuntimeException {
        private final transient RecordedAnswer answer;

        Replayed(RecordedAnswer answer) {
            super("an idempotent request's kept answer", null, false, false);
            this.answer = answer;
        }
    }

    /**
     * Puts the steps around every route under {@code /api/users}. Call it after authentication
     * and the rate limit registered theirs: matched steps run in the order they were registered.
     */
    void register(Javalin app) {
        for (String path : List.of(UserRoutes.USERS, UserRoutes.USERS + "/*")) {
            app.beforeMatched(path, this::before);
            app.after(path, this::after);
        }
        app.exception(Replayed.class, (replayed, ctx) -> replay(ctx, replayed.answer));
    }

    private void before(Context ctx) {
        String key = ctx.header(HEADER);
        Caller caller = Authentication.knownCaller(ctx);
        // Already claimed: POST /api/users/ matches both patterns the step is registered on.
        if (key == null || !WRITES.contains(ctx.method()) || caller == null || ctx.attribute(TICKET) != null) {
            return;
        }
        if (StreamedBodies.streams(ctx)) {
            // Neither fingerprinted (the body is not held) nor kept (the answer streams, a line a
            // row): refused, because a key silently ignored would promise a retry it cannot keep.
            throw new MalformedRequestException(HEADER, "is not taken by the import; to complete an interrupted"
                    + " import, send the same rows again with returnExistingUserIfExists=true");
        }
        if (Collections.list(ctx.req().getHeaders(HEADER)).size() > 1) {
            // Which one would the client retry with? Either choice would silently bind the other.
            throw new MalformedRequestException(HEADER, "must be given once");
        }
        IdempotentRequests.Decision decision = requests.begin(caller.partner(), key, fingerprint(ctx));
        if (decision instanceof IdempotentRequests.Decision.Replay replay) {
            throw new Replayed(replay.answer());
        } else if (decision instanceof IdempotentRequests.Decision.Run run) {
            ctx.attribute(TICKET, run.ticket());
        }
    }

    private void after(Context ctx) {
        IdempotentRequests.Ticket ticket = ctx.attribute(TICKET);
        if (ticket == null) {
            return;
        }
        ctx.attribute(TICKET, null);
        byte[] body = JsonResponse.sent(ctx);
        RecordedAnswer answer = new RecordedAnswer(ctx.statusCode(), ctx.res().getHeader(EntityTags.ETAG), body,
                about(ctx, body));
        try {
            requests.finish(ticket, answer);
        } catch (RuntimeException e) {
            // The answer stands either way. A failed request's key is freed by this instance once the
            // store answers (UnreleasedKeys); a success's stays held until its lease ends (docs/http-api.md).
            LOG.warn(answer.succeeded() ? "An idempotency key's answer could not be kept, so the key stays held until"
                    + " its lease ends: {}" : "An idempotency key could not be freed after a failed request; this instance"
                    + " frees it once the store answers again, at the latest when its lease ends: {}", e.getMessage());
        }
    }

    /**
     * The user an answer is about, whose personal data it may hold, so that erasing them forgets
     * it: the user the path names, else the one the answer shows (a create's); {@code null} for
     * none. An answer without a body holds nothing of anyone: the erasing DELETE's 204 stays, so
     * that DELETE retried with its key replays it even after another erasure found the user gone.
     */
    private static UserId about(Context ctx, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        String id = ctx.pathParamMap().get(Access.USER_ID);
        if (id == null && body.length > 0) {
            try {
                JsonNode shown = CANONICAL.readTree(body).path("id");
                id = shown.isTextual() ? shown.asText() : null;
            } catch (IOException e) {
                id = null;
            }
        }
        return id == null ? null : userId(id);
    }

    /** The user {@code text} names; {@code null} when it names none (a malformed id, which the route answers 404). */
    private static UserId userId(String text) {
        try {
            return UserId.parse(text);
        } catch (InvalidValueException e) {
            return null;
        }
    }

    private static void replay(Context ctx, RecordedAnswer answer) {
        ctx.header(REPLAYED, "true");
        if (answer.etag() != null) {
            ctx.header(EntityTags.ETAG, answer.etag());
        }
        ctx.status(answer.status());
        if (answer.body().length > 0) {
            ctx.contentType(JsonResponse.CONTENT_TYPE).result(answer.body());
        }
    }

    /** SHA-256 of method, path, query and the body as canonical JSON (or its bytes, when it is not JSON). */
    private static byte[] fingerprint(Context ctx) {
        byte[] body = ctx.method() == HandlerType.DELETE ? new byte[0] : JsonBody.bytes(ctx);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String query = ctx.queryString() == null ? "" : ctx.queryString();
            digest.update((ctx.method().name() + "\n" + resource(ctx) + "\n" + query + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(canonical(body));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The path as the route reads it: its template with each parameter filled in, a user id in
     * its canonical spelling. A trailing slash, or an id in capitals, which the route takes for
     * the same user, is then the same request, as a client that respells a URL on retry expects.
     */
    private static String resource(Context ctx) {
        String resource = ctx.endpointHandlerPath();
        for (Map.Entry<String, String> parameter : ctx.pathParamMap().entrySet()) {
            resource = resource.replace("{" + parameter.getKey() + "}", canonicalParameter(parameter));
        }
        return resource;
    }

    private static String canonicalParameter(Map.Entry<String, String> parameter) {
        UserId user = parameter.getKey().equals(Access.USER_ID) ? userId(parameter.getValue()) : null;
        return user == null ? parameter.getValue() : user.toString();
    }

    /**
     * The body read as the routes read it ({@link JsonBody#parse}), then written with its keys in
     * order. A body they would refuse (a key twice, text after the value) keeps its bytes, so it
     * never matches one they took.
     */
    private static byte[] canonical(byte[] body) {
        try {
            JsonNode tree = JsonBody.parse(body, "body");
            return CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(tree, Object.class));
        } catch (MalformedRequestException | IOException e) {
            return body;
        }
    }
}
