package dev.enroll.application.port.in;

import dev.enroll.domain.Violation;
import java.util.List;
import java.util.Objects;

/**
 * One row of an import as the caller sent it, unchecked: a create's input ({@code policy} set
 * for a create with policy, {@code null} for a plain one), or, when the row could not even be
 * read into one, what was wrong with it ({@code unreadable}, then non-empty). {@code line} is
 * where the row starts in the caller's file, for the caller to find it.
 */
public record ImportRow(long line, UserInput user, PolicyInput policy, List<Violation> unreadable) {

    public ImportRow {
        unreadable = List.copyOf(unreadable);
        if (unreadable.isEmpty()) {
            Objects.requireNonNull(user, "user");
        }
    }

    public static ImportRow of(long line, UserInput user, PolicyInput policy) {
        return new ImportRow(line, user, policy, List.of());
    }

    public static ImportRow unreadable(long line, List<Violation> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an unreadable row needs at least one problem");
        }
        return new ImportRow(line, null, null, problems);
    }
}
