package dev.enroll.adapter.http;

import dev.enroll.application.port.in.CreateUserCommand;
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

/**
 * The user endpoints: authenticate, read the request into a command, call the use case, answer
 * with the user. The calling partner is always the contributor, so another partner's user is
 * simply not found. Checks run in this order: credentials (401), scope (403), query (400),
 * media type (415), size (413), body shape (400); then the use case's own rules.
 */
final class UserRoutes {

    static final String USERS = "/api/users";
    static final String USERS_WITH_POLICY = "/api/users/with-policy";
    static final String USER = "/api/users/{userId}";
    static final String USER_POLICY = "/api/users/{userId}/update-policy";
    static final String RETURN_EXISTING = "returnExistingUserIfExists";

    private final Authentication authentication;
    private final CreateUserUseCase createUser;
    private final CreateUserWithPolicyUseCase createUserWithPolicy;
    private final UpdateUserUseCase updateUser;
    private final UpdatePolicyUseCase updatePolicy;
    private final GetUserUseCase getUser;

    UserRoutes(Authentication authentication, HttpUseCases useCases) {
        this.authentication = authentication;
        this.createUser = useCases.createUser();
        this.createUserWithPolicy = useCases.createUserWithPolicy();
        this.updateUser = useCases.updateUser();
        this.updatePolicy = useCases.updatePolicy();
        this.getUser = useCases.getUser();
    }

    void register(Javalin app) {
        app.post(USERS, this::create);
        app.post(USERS_WITH_POLICY, this::createWithPolicy);
        app.get(USER, this::get);
        app.put(USER, this::update);
        app.put(USER_POLICY, this::updatePolicy);
    }

    private void create(Context ctx) {
        CreateUserCommand command = createCommand(ctx, (partner, body, returnExisting) ->
                new CreateUserCommand(partner, UserRequest.input(body), returnExisting));
        respond(ctx, createUser.create(command).user());
    }

    private void createWithPolicy(Context ctx) {
        CreateUserWithPolicyCommand command = createCommand(ctx, (partner, body, returnExisting) -> {
            UserInput user = UserRequest.input(body);
            PolicyInput policy = PolicyRequest.nested(body);
            return new CreateUserWithPolicyCommand(partner, user, policy, returnExisting);
        });
        respond(ctx, createUserWithPolicy.createWithPolicy(command).user());
    }

    /** Reads a create's command from the request body, with the partner and the query's flag. */
    @FunctionalInterface
    private interface CreateReader<C> {
        C read(ContributorId partner, JsonObjectReader body, boolean returnExisting);
    }

    /**
     * A create's command. The create use cases check the partner themselves (see
     * {@link Authentication#callerOfCreate}); what this refuses, it refuses only to an enabled partner.
     */
    private <C> C createCommand(Context ctx, CreateReader<C> reader) {
        Caller caller = authentication.callerOfCreate(ctx);
        return authentication.refusingOnlyEnabled(caller, () -> {
            ContributorId partner = caller.requireAdmin();
            boolean returnExisting = returnExisting(ctx);
            JsonObjectReader body = JsonObjectReader.of(JsonBody.read(ctx));
            C command = reader.read(partner, body, returnExisting);
            body.done();
            return command;
        });
    }

    private void get(Context ctx) {
        String userId = ctx.pathParam("userId");
        ContributorId partner = authentication.caller(ctx).requireReader(userId);
        respond(ctx, getUser.get(new GetUserQuery(partner, userId)));
    }

    private void update(Context ctx) {
        ContributorId partner = authentication.caller(ctx).requireAdmin();
        JsonObjectReader body = JsonObjectReader.of(JsonBody.read(ctx));
        UserPatch patch = UserRequest.patch(body);
        body.done();
        respond(ctx, updateUser.update(new UpdateUserCommand(partner, ctx.pathParam("userId"), patch)));
    }

    private void updatePolicy(Context ctx) {
        ContributorId partner = authentication.caller(ctx).requireAdmin();
        JsonObjectReader body = JsonObjectReader.of(JsonBody.read(ctx));
        PolicyInput policy = PolicyRequest.flat(body);
        body.done();
        respond(ctx, updatePolicy.updatePolicy(new UpdatePolicyCommand(partner, ctx.pathParam("userId"), policy)));
    }

    private static boolean returnExisting(Context ctx) {
        return QueryFlag.read(ctx, RETURN_EXISTING);
    }

    private static void respond(Context ctx, User user) {
        JsonResponse.send(ctx, 200, UserJson.from(user));
    }
}
