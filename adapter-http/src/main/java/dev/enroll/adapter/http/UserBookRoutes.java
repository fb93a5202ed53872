package dev.enroll.adapter.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enroll.application.port.in.DeleteUserCommand;
import dev.enroll.application.port.in.DeleteUserUseCase;
import dev.enroll.application.port.in.ListUsersQuery;
import dev.enroll.application.port.in.ListUsersUseCase;
import dev.enroll.application.port.in.UserPage;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.domain.user.ContributorId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A partner's whole book: the list of its users (and, when asked, of the users it erased), a
 * page at a time, and erasure. Admin scope only ({@link Access#ADMIN}).
 */
final class UserBookRoutes {

    static final Set<String> LIST_PARAMETERS = Set.of("limit", "cursor", "email", "phone", "externalUserId",
            "policyNumber", "updatedSince", "includeDeleted");

    private final ListUsersUseCase listUsers;
    private final DeleteUserUseCase deleteUser;

    UserBookRoutes(HttpUseCases useCases) {
        this.listUsers = useCases.listUsers();
        this.deleteUser = useCases.deleteUser();
    }

    void register(Javalin app) {
        app.get(UserRoutes.USERS, this::list, Access.ADMIN);
        app.delete(UserRoutes.USER, this::delete, Access.ADMIN);
    }

    private void list(Context ctx) {
        ContributorId partner = UserRoutes.partner(ctx);
        Map<String, List<String>> parameters = QueryString.parameters(ctx);
        List<FieldError> errors = new ArrayList<>();
        parameters.forEach((name, values) -> {
            if (!LIST_PARAMETERS.contains(name)) {
                errors.add(new FieldError(name, "is not a known parameter"));
            } else if (values.size() > 1) {
                errors.add(new FieldError(name, "must be given at most once"));
            }
        });
        if (!errors.isEmpty()) {
            throw new MalformedRequestException(errors);
        }
        UserPage page = listUsers.list(new ListUsersQuery(partner, QueryString.first(ctx, "limit"),
                QueryString.first(ctx, "cursor"), QueryString.first(ctx, "email"), QueryString.first(ctx, "phone"),
                QueryString.first(ctx, "externalUserId"), QueryString.first(ctx, "policyNumber"),
                QueryString.first(ctx, "updatedSince"), QueryString.first(ctx, "includeDeleted")));
        ObjectNode json = JsonResponse.object();
        ArrayNode users = json.putArray("users");
        for (UserChange change : page.changes()) {
            if (change instanceof UserChange.Present present) {
                users.add(UserJson.from(present.user()));
            } else if (change instanceof UserChange.Erased erased) {
                users.addObject().put("id", erased.tombstone().id().toString()).put("deleted", true)
                        .put("updated", UserJson.TIMESTAMP.format(erased.tombstone().deleted()));
            }
        }
        json.put("nextCursor", page.nextCursor());
        JsonResponse.send(ctx, 200, json);
    }

    private void delete(Context ctx) {
        ContributorId partner = UserRoutes.partner(ctx);
        deleteUser.delete(new DeleteUserCommand(partner, ctx.pathParam(Access.USER_ID), EntityTags.writeCondition(ctx)));
        ctx.status(204);
    }
}
