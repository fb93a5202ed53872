package dev.enroll.application.port.in;

import dev.enroll.application.port.out.UserChange;
import java.util.List;
import java.util.Objects;

/** One page of users (and tombstones), oldest change first, and the cursor of the next page or {@code null}. */
public record UserPage(List<UserChange> changes, String nextCursor) {
    public UserPage {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }
}
