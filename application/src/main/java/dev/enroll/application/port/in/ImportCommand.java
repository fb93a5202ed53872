package dev.enroll.application.port.in;

import dev.enroll.domain.user.ContributorId;
import java.util.Objects;

/**
 * Import users for {@code contributor}. With {@code returnExisting}, a row whose identity is
 * taken answers with the holder, as on a single create; with {@code dryRun}, every row is
 * checked, identities included, and nothing is written.
 */
public record ImportCommand(ContributorId contributor, boolean returnExisting, boolean dryRun) {
    public ImportCommand {
        Objects.requireNonNull(contributor, "contributor");
    }
}
