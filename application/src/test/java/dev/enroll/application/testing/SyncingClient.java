package dev.enroll.application.testing;

import dev.enroll.application.port.in.ListUsersQuery;
import dev.enroll.application.port.in.ListUsersUseCase;
import dev.enroll.application.port.in.UserPage;
import dev.enroll.application.port.out.UserChange;
import dev.enroll.domain.user.ContributorId;
import dev.enroll.domain.user.User;
import dev.enroll.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;

/**
 * A partner's client keeping its copy in sync the documented way: it follows {@code nextCursor}
 * until it is {@code null}, and next time starts again from the last cursor it used. It notes
 * the highest version it has seen of each user.
 */
public final class SyncingClient {

    private final ListUsersUseCase list;
    private final ContributorId partner;
    private final String limit;
    private final Map<UserId, Long> seen = new HashMap<>();
    private String cursor;

    public SyncingClient(ListUsersUseCase list, ContributorId partner, int limit) {
        this.list = list;
        this.partner = partner;
        this.limit = String.valueOf(limit);
    }

    /** One pass: from the last cursor used to the end. */
    public void pageToTheEnd() {
        while (true) {
            UserPage page = list.list(new ListUsersQuery(partner, limit, cursor, null, null, null, null, null, null));
            for (UserChange change : page.changes()) {
                User user = ((UserChange.Present) change).user();
                seen.merge(user.id(), user.version(), Math::max);
            }
            if (page.nextCursor() == null) {
                return;
            }
            cursor = page.nextCursor();
        }
    }

    /** The highest version seen of each user so far. */
    public Map<UserId, Long> seen() {
        return Map.copyOf(seen);
    }
}
