package dev.enroll.adapter.http;

import dev.enroll.application.port.in.CreateUserCommand;
import dev.enroll.application.port.in.CreateUserResult;
import dev.enroll.application.port.in.CreateUserUseCase;
import dev.enroll.application.port.in.CreateUserWithPolicyCommand;
import dev.enroll.application.port.in.CreateUserWithPolicyUseCase;
import dev.enroll.application.port.in.GetUserQuery;
import dev.enroll.application.port.in.GetUserUseCase;
import dev.enroll.application.port.in.PolicyInput;
import dev.enroll.application.port.in.UpdatePolicyCommand;
import dev.enroll.application.port.in.UpdatePolicyUseCase;
import dev.enroll.application.port.in.UpdateUserCommand;
import dev.enroll.application.port.in.UpdateUserUseCase;
import dev.enroll.application.port.in.UserInput;
import dev.enroll.application.port.in.UserPatch;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.User;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * The user endpoints: read the request into a command, call the use case, answer with the user.
 * The caller was settled before the handler runs ({@link Authentication}, from the {@link Access}
 * each route declares here); the calling partner is always the contributor, so another partner's
 * user is simply not found. Checks run in this order: credentials (401), scope (403), query (400),
 * media type (415), size (413), body shape (400); then the use case's own rules.
 */
final class UserRoutes {

    static final String USERS = "/api/users";
    static final String USERS_WITH_POLICY = "/api/users/with-policy";
    static final String USER = "/api/users/{userId}";
    static final String USER_POLICY = "/api/users/{userId}/update-policy";
    static final String RETURN_EXISTING = "returnExistingUserIfExists";

    private final CreateUserUseCase createUser;
    private final CreateUserWithPolicyUseCase createUserWithPolicy;
    private final UpdateUserUseCase updateUser;
    private final UpdatePolicyUseCase updatePolicy;
    private final GetUserUseCase getUser;
    private final ApiMetrics metrics;

    UserRoutes(HttpUseCases useCases, ApiMetrics metrics) {
        this.metrics = metrics;
        this.createUser = useCases.createUser();
        this.createUserWithPolicy = useCases.createUserWithPolicy();
        this.updateUser = useCases.updateUser();
        this.updatePolicy = useCases.updatePolicy();
        this.getUser = useCases.getUser();
    }

    void register(Javalin app) {
        app.post(USERS, this::create, Access.ADMIN);
        app.post(USERS_WITH_POLICY, this::createWithPolicy, Access.ADMIN);
        app.get(USER, this::get, Access.ADMIN_OR_THAT_USER);
        app.put(USER, ctx -> update(ctx, JsonBody.JSON), Access.ADMIN);
        // RFC 7396's name for the same partial update: absent keeps, null clears, objects merge.
        app.patch(USER, ctx -> update(ctx, JsonBody.MERGE_PATCH), Access.ADMIN);
        app.put(USER_POLICY, this::updatePolicy, Access.ADMIN);
    }

    private void create(Context ctx) {
        respondCreated(ctx, () -> createUser.create(createCommand(ctx, (partner, body, returnExisting) ->
                new CreateUserCommand(partner, UserRequest.input(body), returnExisting))));
    }

    private void createWithPolicy(Context ctx) {
        respondCreated(ctx, () -> createUserWithPolicy.createWithPolicy(createCommand(ctx,
                (partner, body, returnExisting) -> {
                    UserInput user = UserRequest.input(body);
                    PolicyInput policy = PolicyRequest.nested(body);
                    return new CreateUserWithPolicyCommand(partner, user, policy, returnExisting);
                })));
    }

    /** Every create ends here: it answers the user and counts the outcome, refusals included. */
    private void respondCreated(Context ctx, Supplier<CreateUserResult> create) {
        CreateUserResult result;
        try {
            result = create.get();
        } catch (RuntimeException refusal) {
            metrics.writeRefused(refusal);
            throw refusal;
        }
        metrics.write(result.created() ? ApiMetrics.WriteOutcome.CREATED : ApiMetrics.WriteOutcome.RETURNED_EXISTING);
        respond(ctx, result.user());
    }

    /** Reads a create's command from the request body, with the partner and the query's flag. */
    @FunctionalInterface
    private interface CreateReader<C> {
        C read(ContributorId partner, JsonObjectReader body, boolean returnExisting);
    }

    /** A create's command, from the query's flag and the body. */
    private static <C> C createCommand(Context ctx, CreateReader<C> reader) {
        ContributorId partner = partner(ctx);
        boolean returnExisting = returnExisting(ctx);
        JsonObjectReader body = JsonObjectReader.of(JsonBody.read(ctx));
        C command = reader.read(partner, body, returnExisting);
        body.done();
        return command;
    }

    private void get(Context ctx) {
        User user = getUser.get(new GetUserQuery(partner(ctx), ctx.pathParam(Access.USER_ID)));
        if (EntityTags.notModified(ctx, user)) {
            EntityTags.tag(ctx, user);
            ctx.status(304);
            return;
        }
        respond(ctx, user);
    }

    private void update(Context ctx, String mediaType) {
        ContributorId partner = partner(ctx);
        JsonObjectReader body = JsonObjectReader.of(JsonBody.read(ctx, mediaType));
        UserPatch patch = UserRequest.patch(body);
        body.done();
        respond(ctx, updateUser.update(new UpdateUserCommand(partner, ctx.pathParam(Access.USER_ID), patch,
                EntityTags.writeCondition(ctx))));
    }

    private void updatePolicy(Context ctx) {
        ContributorId partner = partner(ctx);
        JsonObjectReader body = JsonObjectReader.of(JsonBody.read(ctx));
        PolicyInput policy = PolicyRequest.flat(body);
        body.done();
        respond(ctx, updatePolicy.updatePolicy(new UpdatePolicyCommand(partner, ctx.pathParam(Access.USER_ID), policy,
                EntityTags.writeCondition(ctx))));
    }

    private static boolean returnExisting(Context ctx) {
        return QueryFlag.read(ctx, RETURN_EXISTING);
    }

    /** The calling partner, the contributor of every user this request touches. */
    static ContributorId partner(Context ctx) {
        return Authentication.callerOf(ctx).partner();
    }

    /** Every single-user answer: the user, and its entity tag. */
    private static void respond(Context ctx, User user) {
        EntityTags.tag(ctx, user);
        JsonResponse.send(ctx, 200, UserJson.from(user));
    }
}
